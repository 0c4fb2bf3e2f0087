import { mebibytes } from './evaluate-targets.mjs';
import { percentile } from './percentile.mjs';

/**
 * @typedef {import('./soak-clients.mjs').StreamingCounts} StreamingCounts
 * @typedef {import('./soak-slow-readers.mjs').SlowReaderCounts} SlowReaderCounts
 * @typedef {import('./soak-rss-sampler.mjs').RssSample} RssSample
 * @typedef {import('./soak-socket-queues.mjs').SocketQueues} SocketQueues
 * @typedef {import('./create-usage-checker.mjs').UsageCheck} UsageCheck
 */

/**
 * @typedef {object} SoakPhase
 * @property {number} clients
 * @property {number} durationSeconds
 * @property {number} warmupSeconds
 * @property {StreamingCounts | undefined} warmup
 * @property {number} elapsedSeconds
 * @property {StreamingCounts} counts
 * @property {UsageCheck} usage  Warm-up included.
 * @property {Record<string, number>} cpuMicroseconds  By process: proxy, simulator, store.
 * @property {boolean} settled
 * @property {number} otherCoreShare
 * @property {number} stealCoreShare
 * @property {RssSample[]} rss  The proxy's, once a second.
 * @property {RssSample[] | undefined} storeRss  The store process's, when it runs apart.
 */

/**
 * @typedef {object} SlowPhase
 * @property {number} readers
 * @property {number} durationSeconds
 * @property {number} bytesPerSecond
 * @property {Record<string, number>} streamBytes  The full length of one long stream, by API.
 * @property {SlowReaderCounts} counts
 * @property {UsageCheck} usage
 * @property {number} idleRssBytes  The proxy's, before the phase.
 * @property {RssSample[]} rss  The proxy's during the phase.
 * @property {RssSample[]} simulatorRss
 * @property {SocketQueues | undefined} queues  Shortly before the readers hung up.
 */

/** RSS of the last window may exceed the first by this share at most: the heap breathes, a leak keeps climbing. */
export const rssGrowthAllowance = 0.1;
/** Slow readers may raise the proxy's RSS by this share of what they left unread at most. */
export const slowReaderAllowance = 0.1;
const windowSeconds = 10;

/**
 * The soak's table and its verdict.
 * @param {{ soak: SoakPhase, slow: SlowPhase | undefined, shortDeltas: Record<string, number>, machine: string, command: string }} input
 * @returns {{ text: string, failures: string[] }}
 */
export function formatSoakReport(input) {
  const { soak, slow } = input;
  /** @type {string[]} */
  const failures = [];
  const errors = soak.counts.errors;
  const errorTotal = sumErrors(errors);
  const warmupErrors = soak.warmup === undefined ? 0 : sumErrors(soak.warmup.errors);
  if (errorTotal > 0) failures.push(`${errorTotal} streaming requests failed`);
  if (warmupErrors > 0) failures.push(`${warmupErrors} streaming requests of the warm-up failed`);
  if (!soak.usage.matches) failures.push(`usage records ${soak.usage.actual} for ${soak.usage.expected} requests`);
  const window = (/** @type {(sample: RssSample) => boolean} */ within, /** @type {keyof RssSample} */ field) =>
    percentile(soak.rss.filter(within).map((sample) => sample[field]), 0.5);
  const inFirst = (/** @type {RssSample} */ sample) => sample.atSeconds < windowSeconds;
  const inLast = (/** @type {RssSample} */ sample) => sample.atSeconds >= soak.elapsedSeconds - windowSeconds;
  const firstMedian = window(inFirst, 'rssBytes');
  const lastMedian = window(inLast, 'rssBytes');
  const bounded = lastMedian <= firstMedian * (1 + rssGrowthAllowance);
  if (!bounded) failures.push(`proxy RSS grew from a median of ${mebibytes(firstMedian)} (first ${windowSeconds} s) to ${mebibytes(lastMedian)} (last ${windowSeconds} s)`);
  const rss = soak.rss.map((sample) => sample.rssBytes);
  const perRequest = (/** @type {string} */ name) => `${Math.round((soak.cpuMicroseconds[name] ?? 0) / Math.max(1, soak.counts.completed))} µs`;
  const count = (/** @type {number} */ value) => value.toLocaleString('en-US');
  const apis = Object.entries(soak.counts.sentByApi).map(([api, sent]) => `${api} ${count(sent)}`).join(', ');
  const deltas = Object.entries(input.shortDeltas).map(([api, value]) => `${api} ${value}`).join(', ');
  const everyTenSeconds = soak.rss.filter((sample, index) => index % windowSeconds === 0).map((sample) => `${Math.round(sample.atSeconds)} s ${megabytes(sample.rssBytes)}`).join(' · ');
  /** @type {Array<[string, string]>} */
  const rows = [
    ['Store', soak.storeRss === undefined ? 'embedded in the proxy process (as `proxy serve` runs by default)' : 'the same engine in its own process (`--store-process`), reached as a DynamoDB endpoint'],
    ['Streaming clients', `${soak.clients}, one stream at a time each, APIs alternating (${deltas} deltas per stream, 5 ms apart)`],
  ];
  if (soak.warmup !== undefined) {
    rows.push(['Warm-up at the same load (not in the figures below)', `${soak.warmupSeconds} s: ${count(soak.warmup.sent)} requests, ${warmupErrors} errors ${warmupErrors > 0 ? '✗' : '✓'}`]);
  }
  rows.push(
    ['Measured run', `${soak.durationSeconds} s`],
    ['Requests sent', `${count(soak.counts.sent)} (${apis})`],
    ['Completed OK (200, message_stop, no error frame)', count(soak.counts.completed)],
    ['Errors: HTTP ≠ 200 / error frame / no message_stop / socket', `${errors.status} / ${errors.errorFrame} / ${errors.missingStop} / ${errors.socket} ${errorTotal > 0 ? '✗' : '✓'}`],
    ['Streams per second; time to the end p50 / p99', `${Math.round(soak.counts.completed / soak.elapsedSeconds)}/s; ${soak.counts.latencyP50Ms.toFixed(0)} / ${soak.counts.latencyP99Ms.toFixed(0)} ms`],
    ['Usage records for the key / requests sent (warm-up included)', `${count(soak.usage.actual)} / ${count(soak.usage.expected)} ${soak.usage.matches ? '✓' : '✗'}`],
    [
      `CPU per request: proxy / simulator${soak.storeRss === undefined ? '' : ' / store'}`,
      `${perRequest('proxy')} / ${perRequest('simulator')}${soak.storeRss === undefined ? '' : ` / ${perRequest('store')}`}${soak.settled ? '' : ' (a process was still busy afterwards)'}`,
    ],
    ['Proxy RSS, once a second: min / p50 / max', `${mebibytes(Math.min(...rss))} / ${mebibytes(percentile(rss, 0.5))} / ${mebibytes(Math.max(...rss))} (${rss.length} samples)`],
    [`Proxy RSS median: first ${windowSeconds} s → last ${windowSeconds} s`, `${mebibytes(firstMedian)} → ${mebibytes(lastMedian)} ${bounded ? '✓' : '✗'} (allowed: +${rssGrowthAllowance * 100}%)`],
    ['… of which anonymous / mapped files', `${mebibytes(window(inFirst, 'anonymousBytes'))} / ${mebibytes(window(inFirst, 'fileBytes'))} → ${mebibytes(window(inLast, 'anonymousBytes'))} / ${mebibytes(window(inLast, 'fileBytes'))}`],
    [`Proxy RSS every ${windowSeconds} s`, everyTenSeconds],
  );
  if (soak.storeRss !== undefined && soak.storeRss.length > 0) {
    rows.push(['Store process RSS: first → last sample', `${mebibytes(soak.storeRss[0]?.rssBytes ?? Number.NaN)} → ${mebibytes(soak.storeRss.at(-1)?.rssBytes ?? Number.NaN)}`]);
  }
  rows.push(['Other CPU / steal during the measured run', `${Math.round(soak.otherCoreShare * 100)}% / ${Math.round(soak.stealCoreShare * 100)}% of a core`]);
  if (slow !== undefined) rows.push(...slowRows(slow, failures));
  const text = [
    '| Soak | Measured |',
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    `Machine: ${input.machine}`,
    '',
    `Command: \`${input.command}\``,
    '',
    failures.length === 0 ? 'soak: PASS' : `soak: FAIL ${failures.join('; ')}`,
    '',
  ].join('\n');
  return { text, failures };
}

/** @param {{ status: number, errorFrame: number, missingStop: number, socket: number }} errors */
function sumErrors(errors) {
  return errors.status + errors.errorFrame + errors.missingStop + errors.socket;
}

/** Whole megabytes, for the compact series. @param {number} bytes */
function megabytes(bytes) {
  return `${Math.round(bytes / 1024 / 1024)}`;
}

/** @param {SlowPhase} slow @param {string[]} failures @returns {Array<[string, string]>} */
function slowRows(slow, failures) {
  const errors = slow.counts.errors;
  const errorTotal = sumErrors(errors);
  if (errorTotal > 0) failures.push(`${errorTotal} slow readers failed`);
  if (!slow.usage.matches) failures.push(`usage records ${slow.usage.actual} for ${slow.usage.expected} slow-reader requests`);
  const rss = slow.rss.map((sample) => sample.rssBytes);
  const growth = Math.max(...rss) - slow.idleRssBytes;
  const allowed = slow.counts.unreadBytes * slowReaderAllowance;
  if (!(growth <= allowed)) failures.push(`slow readers raised the proxy's RSS by ${mebibytes(growth)}, more than ${slowReaderAllowance * 100}% of the ${mebibytes(slow.counts.unreadBytes)} they left unread`);
  const simulator = slow.simulatorRss.map((sample) => sample.rssBytes);
  const streams = Object.entries(slow.streamBytes).map(([api, bytes]) => `${api} ${mebibytes(bytes)}`).join(', ');
  return [
    ['Slow readers', `${slow.readers} for ${slow.durationSeconds} s, each reading a long stream (${streams} of SSE) at ${slow.bytesPerSecond / 1024} KB/s`],
    ['Slow-reader requests / read to the end / cut off at the end', `${slow.counts.sent} / ${slow.counts.completed} / ${slow.counts.cutOff}`],
    ['Slow-reader errors: HTTP ≠ 200 / error frame / no message_stop / socket', `${errors.status} / ${errors.errorFrame} / ${errors.missingStop} / ${errors.socket}${errorTotal > 0 ? ' ✗' : ' ✓'}`],
    ['Read / left unread when the phase ended', `${mebibytes(slow.counts.bytesRead)} / ${mebibytes(slow.counts.unreadBytes)}`],
    ['Held in kernel socket queues near the end: simulator → proxy / proxy → clients', slow.queues === undefined ? '—' : `${mebibytes(slow.queues.simulatorToProxyBytes)} / ${mebibytes(slow.queues.proxyToClientsBytes)}`],
    ['Proxy RSS: idle before → p50 / max during the phase', `${mebibytes(slow.idleRssBytes)} → ${mebibytes(percentile(rss, 0.5))} / ${mebibytes(Math.max(...rss))}`],
    ['Proxy RSS growth / unread', `${mebibytes(growth)} / ${mebibytes(slow.counts.unreadBytes)} ${growth <= allowed ? '✓' : '✗'} (allowed: ${slowReaderAllowance * 100}% of unread)`],
    ['Simulator RSS during the phase: p50 / max', `${mebibytes(percentile(simulator, 0.5))} / ${mebibytes(Math.max(...simulator))}`],
    ['Usage records for the key / slow-reader requests', `${slow.usage.actual} / ${slow.usage.expected} ${slow.usage.matches ? '✓' : '✗'}`],
  ];
}
