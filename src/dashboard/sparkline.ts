const levels = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * One character per value, scaled to the largest; zero is a blank so quiet periods stand out. When
 * there are more values than `width`, neighbouring values are summed into one character.
 */
export function sparkline(values: ReadonlyArray<number>, width: number): string {
  const points = resample(values, Math.max(1, Math.floor(width)));
  const highest = Math.max(0, ...points);
  return points
    .map((value) => {
      if (value <= 0 || highest === 0) return ' ';
      const level = Math.min(levels.length - 1, Math.ceil((value / highest) * levels.length) - 1);
      return levels[Math.max(0, level)];
    })
    .join('');
}

function resample(values: ReadonlyArray<number>, width: number): number[] {
  if (values.length <= width) return [...values];
  const merged = new Array<number>(width).fill(0);
  values.forEach((value, index) => {
    const target = Math.floor((index * width) / values.length);
    merged[target] = (merged[target] ?? 0) + value;
  });
  return merged;
}
