/** What a label value becomes once its label has seen too many distinct values. */
export const overflowLabelValue = 'other';

/**
 * Keeps one label's values bounded, so a client sending made-up model names cannot grow the series
 * without limit: the first `maximumValues` distinct values are kept, later ones (and values longer
 * than `maximumLength`) are reported as `other`.
 */
export function createLabelLimiter(options: { maximumValues: number; maximumLength?: number }): (value: string) => string {
  const seen = new Set<string>();
  const maximumLength = options.maximumLength ?? 128;
  return (value) => {
    if (seen.has(value)) return value;
    if (value.length > maximumLength || seen.size >= options.maximumValues) return overflowLabelValue;
    seen.add(value);
    return value;
  };
}
