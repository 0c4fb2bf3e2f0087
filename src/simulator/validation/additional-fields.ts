/** Reads `additionalModelRequestFields` (a free JSON document) without trusting its shape. */
export function additionalFields(document: unknown): Record<string, unknown> {
  return typeof document === 'object' && document !== null && !Array.isArray(document)
    ? (document as Record<string, unknown>)
    : {};
}

export function objectField(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = record[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
