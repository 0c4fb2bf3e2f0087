export interface ColumnSpec {
  header: string;
  width: number;
  align: 'left' | 'right';
  /** Lower numbers are kept first when the terminal is narrow. */
  priority: number;
  /** A flexible column grows into spare width, up to this. */
  maxWidth?: number;
}

export interface FittedColumn<Spec extends ColumnSpec> {
  spec: Spec;
  width: number;
}

export const columnGap = 2;

/**
 * The columns that fit `width`, in their given order: columns are taken by priority while they fit
 * at their own width; spare width then widens flexible columns, by priority, up to their maximum.
 */
export function fitColumns<Spec extends ColumnSpec>(columns: ReadonlyArray<Spec>, width: number): Array<FittedColumn<Spec>> {
  const byPriority = columns.map((spec, index) => ({ spec, index })).sort((left, right) => left.spec.priority - right.spec.priority || left.index - right.index);
  const chosen = new Map<number, number>();
  let used = 0;
  for (const { spec, index } of byPriority) {
    const needed = spec.width + (chosen.size === 0 ? 0 : columnGap);
    if (used + needed > width) continue;
    chosen.set(index, spec.width);
    used += needed;
  }
  for (const { spec, index } of byPriority) {
    const current = chosen.get(index);
    if (current === undefined || spec.maxWidth === undefined) continue;
    const grown = Math.min(spec.maxWidth, current + (width - used));
    used += grown - current;
    chosen.set(index, grown);
  }
  return columns.flatMap((spec, index) => {
    const fitted = chosen.get(index);
    return fitted === undefined ? [] : [{ spec, width: fitted }];
  });
}

/** Cuts text to `width` characters, ending in an ellipsis when cut, and pads it to `width`. */
export function fitText(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…`.slice(0, width) : text;
  return align === 'left' ? cut.padEnd(width) : cut.padStart(width);
}
