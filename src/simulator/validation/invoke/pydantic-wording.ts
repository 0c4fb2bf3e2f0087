/**
 * Claude validates the native body itself (pydantic), and Bedrock passes its first message on as
 * the ValidationException message, unwrapped: `<dotted path>: <problem>`. Tagged unions put the tag
 * into the path (`messages.0.content.1.tool_use.id`, `tools.0.custom.name`).
 */
export type FieldKind = 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'dictionary' | 'any';

export function joinPath(path: string, segment: string | number): string {
  return path.length === 0 ? String(segment) : `${path}.${segment}`;
}

export function extraInput(path: string): string {
  return `${path}: Extra inputs are not permitted`;
}

export function fieldRequired(path: string): string {
  return `${path}: Field required`;
}

export function invalidType(path: string, kind: Exclude<FieldKind, 'any'>): string {
  return `${path}: Input should be a valid ${kind}`;
}

export function tagMissing(path: string): string {
  return `${path}: Unable to extract tag using discriminator 'type'`;
}

export function tagMismatch(path: string, tag: string, expected: readonly string[]): string {
  return `${path}: Input tag '${tag}' found using 'type' does not match any of the expected tags: ${expected.map((name) => `'${name}'`).join(', ')}`;
}

export function patternMismatch(path: string, pattern: string): string {
  return `${path}: String should match pattern '${pattern}'`;
}

export function matchesKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'dictionary':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'any':
      return true;
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown field kind ${String(unexpected)}`);
    }
  }
}
