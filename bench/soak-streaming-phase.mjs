import { measureProcesses } from './measure-processes.mjs';
import { runStreamingClients } from './soak-clients.mjs';
import { startRssSampler } from './soak-rss-sampler.mjs';

/**
 * @typedef {import('./soak-report.mjs').SoakPhase} SoakPhase
 * @typedef {import('./soak-rss-sampler.mjs').RssSample} RssSample
 */

/**
 * @typedef {object} StreamingPhaseContext
 * @property {string} origin  The proxy.
 * @property {Record<string, string>} headers
 * @property {Array<{ api: string, body: string }>} requests
 * @property {Record<string, number>} pids  proxy, simulator, and store when it runs apart.
 * @property {number} ticksPerSecond
 * @property {{ check(window: { since: Date, expected: number }): Promise<import('./create-usage-checker.mjs').UsageCheck> }} usage
 * @property {{ clients: number, durationSeconds: number, warmupSeconds: number }} settings
 * @property {(line: string) => void} progress
 */

/**
 * The streaming soak: a warm-up at the same load, then the measured run with the proxy's RSS
 * sampled once a second, CPU read around it (until the processes are idle again), and the usage
 * records of every request, warm-up included, counted afterwards.
 * @param {StreamingPhaseContext} context
 * @returns {Promise<SoakPhase>}
 */
export async function runStreamingPhase(context) {
  const { settings, progress } = context;
  const streaming = { origin: context.origin, headers: context.headers, requests: context.requests, clients: settings.clients };
  const since = new Date();
  /** @type {import('./soak-clients.mjs').StreamingCounts | undefined} */
  let warmup;
  if (settings.warmupSeconds > 0) {
    progress(`warm-up: ${settings.clients} streaming clients for ${settings.warmupSeconds} s`);
    warmup = await runStreamingClients({ ...streaming, durationSeconds: settings.warmupSeconds });
    for (const example of warmup.examples) progress(`  ${example}`);
  }

  progress(`${settings.clients} streaming clients for ${settings.durationSeconds} s`);
  const started = performance.now();
  const proxySampler = startRssSampler({ pid: context.pids.proxy ?? -1 });
  const storeSampler = context.pids.store === undefined ? undefined : startRssSampler({ pid: context.pids.store });
  /** @type {RssSample[]} */
  let rss = [];
  /** @type {RssSample[] | undefined} */
  let storeRss;
  let elapsedSeconds = 0;
  const measured = await measureProcesses({
    pids: context.pids,
    benchPids: Object.values(context.pids),
    ticksPerSecond: context.ticksPerSecond,
    work: async () => {
      const counts = await runStreamingClients({ ...streaming, durationSeconds: settings.durationSeconds });
      rss = proxySampler.stop();
      storeRss = storeSampler?.stop();
      elapsedSeconds = (performance.now() - started) / 1000;
      return counts;
    },
  });
  const counts = measured.result;
  progress(`${counts.sent} sent, ${counts.completed} completed; checking usage records`);
  for (const example of counts.examples) progress(`  ${example}`);
  return {
    clients: settings.clients,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    warmup,
    elapsedSeconds,
    counts,
    usage: await context.usage.check({ since, expected: counts.sent + (warmup?.sent ?? 0) }),
    cpuMicroseconds: measured.cpuMicroseconds,
    settled: measured.settled,
    otherCoreShare: measured.otherCoreShare,
    stealCoreShare: measured.stealCoreShare,
    rss,
    storeRss,
  };
}
