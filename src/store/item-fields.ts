/** Typed reads of attributes from items as lib-dynamodb returns them (plain JS values). */
export type Item = Record<string, unknown>;

export function requiredString(item: Item, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new Error(`stored item has no string attribute ${name}`);
  return value;
}

export function optionalString(item: Item, name: string): string | undefined {
  const value = item[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredNumber(item: Item, name: string): number {
  const value = item[name];
  if (typeof value !== 'number') throw new Error(`stored item has no number attribute ${name}`);
  return value;
}

export function optionalNumber(item: Item, name: string): number | undefined {
  const value = item[name];
  return typeof value === 'number' ? value : undefined;
}

export function requiredBoolean(item: Item, name: string): boolean {
  const value = item[name];
  if (typeof value !== 'boolean') throw new Error(`stored item has no boolean attribute ${name}`);
  return value;
}

export function optionalStringMap(item: Item, name: string): Record<string, string> | undefined {
  const value = item[name];
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Epoch seconds, the unit of DynamoDB TTL attributes. */
export function epochSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** Expired items linger until DynamoDB's lazy TTL sweep (and forever in dynalite); readers skip them. */
export function isExpired(item: Item, now: Date): boolean {
  const expiresAt = item['expires_at'];
  return typeof expiresAt === 'number' && expiresAt <= epochSeconds(now);
}
