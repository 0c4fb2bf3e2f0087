/**
 * Nearest-rank percentile: the smallest value such that at least `percent`% of the values are less
 * than or equal to it, i.e. the value at rank ⌈percent/100 × n⌉ of the sorted values (rank 1 for
 * percent 0). Always one of the values, never an interpolation. `sortedValues` must be ascending.
 */
export function percentile(sortedValues: ArrayLike<number>, percent: number): number | undefined {
  const count = sortedValues.length;
  if (count === 0) return undefined;
  const rank = Math.min(count, Math.max(1, Math.ceil((percent / 100) * count)));
  return sortedValues[rank - 1];
}
