/**
 * Nearest-rank percentile of unsorted values; NaN when there are none.
 * @param {number[]} values
 * @param {number} fraction  0.5 for the median, 0.99 for p99.
 */
export function percentile(values, fraction) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}
