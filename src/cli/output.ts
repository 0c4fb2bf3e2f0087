import Table from 'cli-table3';

/** Human output: a table with a header row; cells that are undefined or null show as a dash. */
export function formatTable(head: string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) table.push(row.map((cell) => (cell === undefined || cell === null || cell === '' ? '-' : String(cell))));
  return table.toString();
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Script output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `2026-11-28T10:00:00.000Z` → `2026-11-28 10:00 UTC`, short enough for a table. */
export function shortTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
