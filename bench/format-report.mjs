import { mebibytes } from './evaluate-targets.mjs';
import { findReference } from './find-reference.mjs';

/**
 * @typedef {import('./measure-load-row.mjs').Row} Row
 * @typedef {import('./evaluate-targets.mjs').TargetResult} TargetResult
 */

/**
 * @typedef {object} ReportInput
 * @property {Row[]} rows  In table order.
 * @property {TargetResult[]} targets
 * @property {Record<'invoke' | 'converse', { short: number, long: number }>} deltas
 * @property {string} machine
 * @property {string} command
 * @property {{ durationSeconds: number, quick: boolean }} settings
 */

const noisyCoreShare = 0.25;
const header = ['Setup', 'Requests', 'Conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx / errors', 'CPU µs/req', 'sim CPU µs/req', 'RSS (of it mapped files)', 'TTFB p50 ms', '× pass-through', 'Usage records', 'Other CPU / steal'];

/**
 * The whole report as Markdown: the table (setups as rows), the targets, the machine.
 * @param {ReportInput} input
 */
export function formatReport(input) {
  const lines = [
    `${input.settings.quick ? 'Quick run' : 'Full run'}: ${input.settings.durationSeconds} s per load run (autocannon, one request per connection at a time); ` +
      `first-byte rows are sequential requests on one connection. Deltas per stream through the proxy: ` +
      `invoke ${input.deltas.invoke.short} short / ${input.deltas.invoke.long} long, converse ${input.deltas.converse.short} short / ${input.deltas.converse.long} long. ` +
      `"Other CPU / steal": CPU used during the run by processes outside the benchmark, and time the hypervisor gave to other VMs, in % of one core (noise indicators).`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index < 2 ? '---' : '---:')).join(' | ')} |`,
    ...input.rows.map((row) => `| ${formatRow(input.rows, row).join(' | ')} |`),
    '',
    ...noiseWarning(input.rows),
    '## Targets',
    '',
    ...input.targets.map((target) => `- ${verdict(target.pass)} ${target.name}: ${target.measured}`),
    '',
    '## Machine',
    '',
    input.machine,
    '',
    `Command: \`${input.command}\``,
    '',
  ];
  return lines.join('\n');
}

/** @param {Row[]} rows @param {Row} row @returns {string[]} */
function formatRow(rows, row) {
  const reference = findReference(rows, row);
  const failures = row.non2xx + row.errors;
  const usage = row.usage === undefined ? '—' : `${row.usage.actual} / ${row.usage.expected} ${row.usage.matches ? '✓' : '✗'}`;
  return [
    row.note === undefined ? row.setup : `${row.setup} (${row.note})`,
    row.kind,
    String(row.connections),
    Math.round(row.requestsPerSecond).toLocaleString('en-US'),
    fixed(row.latencyP50Ms),
    fixed(row.latencyP99Ms),
    `${row.non2xx} / ${row.errors}${failures > 0 ? ' ✗' : ''}`,
    `${Math.round(row.cpuPerRequestMicroseconds)}${row.settled ? '' : ' (busy)'}`,
    String(Math.round(row.simulatorCpuPerRequestMicroseconds)),
    `${mebibytes(row.rssBytes)} (${mebibytes(row.mappedFileBytes)})`,
    row.firstByteP50Ms === undefined ? '—' : fixed(row.firstByteP50Ms),
    reference === undefined ? '—' : `${(row.requestsPerSecond / reference.requestsPerSecond).toFixed(2)}`,
    usage,
    `${percent(row.otherCoreShare)} / ${percent(row.stealCoreShare)}`,
  ];
}

/** Runs that shared the machine with other work are named, so nobody reads their numbers as clean. @param {Row[]} rows */
function noiseWarning(rows) {
  const noisy = rows.filter((row) => row.otherCoreShare > noisyCoreShare || row.stealCoreShare > noisyCoreShare);
  if (noisy.length === 0) return [];
  return [
    `⚠ ${noisy.length} of ${rows.length} runs shared the machine with other work (other CPU or steal above ${percent(noisyCoreShare)} of a core); their numbers are noisier.`,
    '',
  ];
}

/** Share of one core, as a percentage. @param {number} coreShare */
function percent(coreShare) {
  return `${Math.round(coreShare * 100)}%`;
}

/** @param {number} value */
function fixed(value) {
  return Number.isNaN(value) ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** @param {boolean | undefined} pass */
function verdict(pass) {
  return pass === undefined ? '–' : pass ? '✓' : '✗';
}
