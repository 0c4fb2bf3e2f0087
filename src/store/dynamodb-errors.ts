/** The AWS SDK names service errors after the exception type (`ConditionalCheckFailedException`). */
export function hasErrorName(error: unknown, ...names: string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

/** dynalite answers operations it does not implement (transactions, TTL updates) this way. */
export function isUnknownOperation(error: unknown): boolean {
  return hasErrorName(error, 'UnknownOperationException');
}
