import { measureFirstByte } from './measure-first-byte.mjs';
import { measureProcesses } from './measure-processes.mjs';
import { waitUntilQuiet } from './wait-for-quiet-machine.mjs';

/**
 * @typedef {import('./measure-load-row.mjs').BenchContext} BenchContext
 * @typedef {import('./measure-load-row.mjs').Row} Row
 * @typedef {import('./plan-scenarios.mjs').FirstByteScenario} FirstByteScenario
 */

/**
 * Time to first byte at one connection, one request at a time, as a row of the table.
 * @param {BenchContext} context
 * @param {{ scenario: FirstByteScenario, limits: { count: number, maxMs: number, warmupCount: number } }} run
 * @returns {Promise<Row>}
 */
export async function measureFirstByteRow(context, run) {
  const { scenario } = run;
  const server = context.servers[scenario.request.server];
  await waitUntilQuiet(context, `first byte, ${scenario.setup}`);
  const since = new Date();
  const measured = await measureProcesses({
    pids: { target: server.pid, simulator: context.servers.simulator.pid },
    benchPids: context.benchPids,
    ticksPerSecond: context.ticksPerSecond,
    work: () => measureFirstByte({ origin: server.url, ...scenario.request, ...run.limits }),
  });
  const timing = measured.result;
  const usage = scenario.request.server === 'proxy' ? await context.usage.check({ since, expected: timing.sent }) : undefined;
  // Every request sent (warm-up included) cost CPU, so divide by all of them.
  const perRequest = (/** @type {number | undefined} */ cpu) => (timing.sent === 0 ? Number.NaN : (cpu ?? 0) / timing.sent);
  context.progress(`first byte, ${scenario.setup}: median ${timing.firstByteP50Ms.toFixed(2)} ms over ${timing.completed} requests`);
  return {
    setup: scenario.setup,
    kind: 'first byte',
    api: scenario.api,
    server: scenario.request.server,
    connections: 1,
    requestsPerSecond: timing.requestsPerSecond,
    latencyP50Ms: timing.latencyP50Ms,
    latencyP99Ms: timing.latencyP99Ms,
    sent: timing.sent,
    completed: timing.completed,
    non2xx: timing.non2xx,
    errors: timing.errors,
    cpuPerRequestMicroseconds: perRequest(measured.cpuMicroseconds.target),
    simulatorCpuPerRequestMicroseconds: perRequest(measured.cpuMicroseconds.simulator),
    rssBytes: measured.rssBytes.target ?? 0,
    mappedFileBytes: measured.mappedFileBytes.target ?? 0,
    firstByteP50Ms: timing.firstByteP50Ms,
    usage,
    settled: measured.settled,
    otherCoreShare: measured.otherCoreShare,
    stealCoreShare: measured.stealCoreShare,
  };
}
