import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './percentile.mjs';
import { startRssSampler } from './soak-rss-sampler.mjs';
import { runSlowReaders } from './soak-slow-readers.mjs';
import { readSocketQueues } from './soak-socket-queues.mjs';

/** @typedef {import('./soak-report.mjs').SlowPhase} SlowPhase */

/**
 * @typedef {object} SlowPhaseContext
 * @property {{ proxy: string, simulator: string }} urls
 * @property {{ proxy: number, simulator: number }} pids
 * @property {Record<string, string>} headers
 * @property {Array<{ api: string, body: string, streamBytes: number }>} requests  Long streams, with the full length of each.
 * @property {{ check(window: { since: Date, expected: number }): Promise<import('./create-usage-checker.mjs').UsageCheck> }} usage
 * @property {() => Promise<boolean>} idle  Waits until the processes are idle.
 * @property {{ readers: number, durationSeconds: number, bytesPerSecond: number }} settings
 * @property {(line: string) => void} progress
 */

const idleSampleMs = 3_000;

/**
 * Slow readers: the proxy's RSS at rest first, then while the readers hold their long streams
 * open; shortly before they hang up, how much of the unread answers waits in kernel socket queues.
 * @param {SlowPhaseContext} context
 * @returns {Promise<SlowPhase>}
 */
export async function runSlowPhase(context) {
  const { settings } = context;
  const idleSampler = startRssSampler({ pid: context.pids.proxy });
  await sleep(idleSampleMs);
  const idleRssBytes = percentile(idleSampler.stop().map((sample) => sample.rssBytes), 0.5);

  context.progress(`${settings.readers} slow readers for ${settings.durationSeconds} s`);
  const since = new Date();
  const proxySampler = startRssSampler({ pid: context.pids.proxy });
  const simulatorSampler = startRssSampler({ pid: context.pids.simulator });
  const ports = { proxyPort: Number(new URL(context.urls.proxy).port), simulatorPort: Number(new URL(context.urls.simulator).port) };
  /** @type {import('./soak-socket-queues.mjs').SocketQueues | undefined} */
  let queues;
  const queueTimer = setTimeout(() => (queues = readSocketQueues(ports)), Math.max(0, settings.durationSeconds * 1000 - 1000));
  const counts = await runSlowReaders({
    origin: context.urls.proxy,
    headers: context.headers,
    requests: context.requests,
    readers: settings.readers,
    durationSeconds: settings.durationSeconds,
    bytesPerSecond: settings.bytesPerSecond,
  });
  clearTimeout(queueTimer);
  const rss = proxySampler.stop();
  const simulatorRss = simulatorSampler.stop();
  await context.idle();
  context.progress(`${counts.sent} slow-reader requests; checking usage records`);
  for (const example of counts.examples) context.progress(`  ${example}`);
  return {
    readers: settings.readers,
    durationSeconds: settings.durationSeconds,
    bytesPerSecond: settings.bytesPerSecond,
    streamBytes: Object.fromEntries(context.requests.map((request) => [request.api, request.streamBytes])),
    counts,
    usage: await context.usage.check({ since, expected: counts.sent }),
    idleRssBytes,
    rss,
    simulatorRss,
    queues,
  };
}
