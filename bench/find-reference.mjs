/**
 * @typedef {import('./measure-load-row.mjs').Row} Row
 */

/**
 * The pass-through run a row is compared with: the same kind of request at the same connection
 * count (a proxy stream against a piped Bedrock stream), else the non-streaming pass-through at
 * that connection count. First-byte rows are sequential and have none.
 * @param {Row[]} rows
 * @param {Row} row
 * @returns {Row | undefined}
 */
export function findReference(rows, row) {
  if (row.kind === 'first byte') return undefined;
  const passThrough = rows.filter((candidate) => candidate.server === 'pass-through' && candidate.connections === row.connections && candidate.note === undefined);
  return passThrough.find((candidate) => candidate.kind === row.kind) ?? passThrough.find((candidate) => candidate.kind === 'non-streaming');
}
