import { findReference } from './find-reference.mjs';

/**
 * @typedef {import('./measure-load-row.mjs').Row} Row
 * @typedef {{ short: number, long: number }} DeltaCounts
 */

/**
 * @typedef {object} TargetResult
 * @property {string} name
 * @property {string} measured  The number the verdict rests on, as shown.
 * @property {boolean | undefined} pass  undefined when this run did not measure it.
 */

const megabyte = 1024 * 1024;
/** "No growth" allows this much between the first and third run: the heap breathes by a few MB between collections. */
const growthAllowanceBytes = 5 * megabyte;

/**
 * The issue's targets, each computed from this run's numbers only (the machine is shared, so only
 * numbers taken side by side are compared).
 * @param {{ rows: Row[], deltas: Record<'invoke' | 'converse', DeltaCounts> }} input
 * @returns {TargetResult[]}
 */
export function evaluateTargets({ rows, deltas }) {
  const proxyRow = (/** @type {string} */ api, /** @type {Row['kind']} */ kind, /** @type {number} */ connections) =>
    rows.find((row) => row.server === 'proxy' && row.api === api && row.kind === kind && row.connections === connections && row.note === undefined);
  const firstByte = (/** @type {Row['server']} */ server, /** @type {string} */ api) =>
    rows.find((row) => row.kind === 'first byte' && row.server === server && row.api === api);
  /** @type {TargetResult[]} */
  const targets = [];
  for (const api of /** @type {const} */ (['invoke', 'converse'])) {
    const plain = proxyRow(api, 'non-streaming', 50);
    const reference = plain === undefined ? undefined : findReference(rows, plain);
    const ratio = plain === undefined || reference === undefined ? undefined : plain.requestsPerSecond / reference.requestsPerSecond;
    targets.push(check(`${api}: non-streaming at 50 connections ≥ 0.5× the pass-through`, ratio, (value) => value >= 0.5, (value) => `${value.toFixed(2)}×`));
    targets.push(check(`${api}: CPU per non-streaming request at 50 connections ≤ 500 µs`, plain?.cpuPerRequestMicroseconds, (value) => value <= 500, microseconds));

    const short = proxyRow(api, 'short stream', 50);
    targets.push(check(`${api}: short streams at 50 connections ≥ 1,000/s`, short?.requestsPerSecond, (value) => value >= 1000, (value) => `${Math.round(value).toLocaleString('en-US')}/s`));

    const long = proxyRow(api, 'long stream', 50);
    const counts = deltas[api];
    const perDelta = short === undefined || long === undefined || counts.long <= counts.short
      ? undefined
      : (long.cpuPerRequestMicroseconds - short.cpuPerRequestMicroseconds) / (counts.long - counts.short);
    targets.push(check(`${api}: CPU per delta on a long stream ≤ 5 µs`, perDelta, (value) => value <= 5,
      (value) => `${value.toFixed(2)} µs ((${microseconds(long?.cpuPerRequestMicroseconds ?? 0)} − ${microseconds(short?.cpuPerRequestMicroseconds ?? 0)}) / (${counts.long} − ${counts.short} deltas))`));

    const upstreamFirstByte = firstByte('simulator', api)?.firstByteP50Ms;
    const proxyFirstByte = firstByte('proxy', api)?.firstByteP50Ms;
    const added = upstreamFirstByte === undefined || proxyFirstByte === undefined ? undefined : proxyFirstByte - upstreamFirstByte;
    targets.push(check(`${api}: time to first byte added by the proxy at 1 connection ≤ 1 ms`, added, (value) => value <= 1,
      (value) => `${value.toFixed(3)} ms (${proxyFirstByte?.toFixed(3)} − ${upstreamFirstByte?.toFixed(3)})`));
  }

  const at200 = rows.filter((row) => row.server === 'proxy' && row.connections === 200);
  const largest = at200.length === 0 ? undefined : Math.max(...at200.map((row) => row.rssBytes));
  const largestRow = at200.find((row) => row.rssBytes === largest);
  targets.push(check('proxy RSS after every 200-connection run ≤ 120 MB', largest, (value) => value <= 120 * megabyte,
    (value) => `largest ${mebibytes(value)}${largestRow === undefined ? '' : ` (${mebibytes(largestRow.mappedFileBytes)} of it mapped files)`}`));

  const seriesRows = rows.filter((row) => row.note?.startsWith('memory series') === true);
  const series = seriesRows.map((row) => row.rssBytes);
  const first = series[0];
  const last = series[series.length - 1];
  const growth = series.length < 2 || first === undefined || last === undefined ? undefined : last - first;
  targets.push(check('proxy RSS does not grow across three consecutive 200-connection runs (third within 5 MB of first)', growth,
    (value) => value <= growthAllowanceBytes, () => seriesRows.map((row) => `${mebibytes(row.rssBytes)} (files ${mebibytes(row.mappedFileBytes)})`).join(' → ')));

  const checked = rows.filter((row) => row.usage !== undefined);
  const exact = checked.filter((row) => row.usage?.matches === true).length;
  targets.push({ name: 'usage records: exact count after every proxy run', measured: `${exact} of ${checked.length} runs exact`, pass: checked.length > 0 && exact === checked.length });
  return targets;
}

/**
 * @param {string} name
 * @param {number | undefined} value
 * @param {(value: number) => boolean} passes
 * @param {(value: number) => string} show
 * @returns {TargetResult}
 */
function check(name, value, passes, show) {
  if (value === undefined || Number.isNaN(value)) return { name, measured: 'not measured in this run', pass: undefined };
  return { name, measured: show(value), pass: passes(value) };
}

/** @param {number} value */
function microseconds(value) {
  return `${Math.round(value)} µs`;
}

/** @param {number} bytes */
export function mebibytes(bytes) {
  return `${(bytes / megabyte).toFixed(1)} MB`;
}
