import { measureProcesses } from './measure-processes.mjs';
import { runLoad } from './run-load.mjs';
import { waitUntilQuiet } from './wait-for-quiet-machine.mjs';

/**
 * @typedef {import('./plan-scenarios.mjs').ServerName} ServerName
 * @typedef {import('./plan-scenarios.mjs').LoadScenario} LoadScenario
 * @typedef {import('./create-usage-checker.mjs').UsageCheck} UsageCheck
 */

/**
 * @typedef {object} BenchContext
 * @property {Record<ServerName, { url: string, pid: number }>} servers
 * @property {number[]} benchPids  Every server process of the benchmark.
 * @property {number} ticksPerSecond
 * @property {number} quietWaitMaxMs  How long a run waits for other work on the machine to stop.
 * @property {{ check(window: { since: Date, expected: number }): Promise<UsageCheck> }} usage
 * @property {(line: string) => void} progress
 */

/**
 * One line of the table.
 * @typedef {object} Row
 * @property {string} setup
 * @property {import('./plan-scenarios.mjs').LoadKind | 'first byte'} kind
 * @property {'converse' | 'invoke' | undefined} api
 * @property {ServerName} server
 * @property {number} connections
 * @property {number} requestsPerSecond
 * @property {number} latencyP50Ms
 * @property {number} latencyP99Ms
 * @property {number} sent
 * @property {number} completed
 * @property {number} non2xx
 * @property {number} errors
 * @property {number} cpuPerRequestMicroseconds  Of the process under test.
 * @property {number} simulatorCpuPerRequestMicroseconds
 * @property {number} rssBytes  Of the process under test, after the run.
 * @property {number} mappedFileBytes  The file-mapped part of rssBytes.
 * @property {number | undefined} firstByteP50Ms
 * @property {UsageCheck | undefined} usage  Proxy runs only.
 * @property {boolean} settled  false when a process was still busy after the run's wait for idle.
 * @property {number} otherCoreShare  CPU of processes outside the benchmark during the run, in cores.
 * @property {number} stealCoreShare  CPU time stolen by the hypervisor during the run, in cores.
 * @property {string} [note]
 */

/**
 * Loads one setup at one connection count for a fixed time and measures it: throughput and
 * latency from autocannon, CPU and RSS from /proc, and (for the proxy) the usage records it wrote.
 * @param {BenchContext} context
 * @param {{ scenario: LoadScenario, connections: number, durationSeconds: number, note?: string }} run
 * @returns {Promise<Row>}
 */
export async function measureLoadRow(context, run) {
  const { scenario, connections } = run;
  const server = context.servers[scenario.request.server];
  await waitUntilQuiet(context, `${scenario.setup}, ${scenario.kind}, ${connections} conn`);
  const since = new Date();
  const measured = await measureProcesses({
    pids: { target: server.pid, simulator: context.servers.simulator.pid },
    benchPids: context.benchPids,
    ticksPerSecond: context.ticksPerSecond,
    work: () =>
      runLoad({
        url: new URL(scenario.request.path, server.url).href,
        headers: scenario.request.headers,
        body: scenario.request.body,
        connections,
        durationSeconds: run.durationSeconds,
      }),
  });
  const load = measured.result;
  const usage = scenario.request.server === 'proxy' ? await context.usage.check({ since, expected: load.sent }) : undefined;
  const perRequest = (/** @type {number | undefined} */ cpu) => (load.completed === 0 ? Number.NaN : (cpu ?? 0) / load.completed);
  /** @type {Row} */
  const row = {
    setup: scenario.setup,
    kind: scenario.kind,
    api: scenario.api,
    server: scenario.request.server,
    connections,
    requestsPerSecond: load.requestsPerSecond,
    latencyP50Ms: load.latencyP50Ms,
    latencyP99Ms: load.latencyP99Ms,
    sent: load.sent,
    completed: load.completed,
    non2xx: load.non2xx,
    errors: load.errors,
    cpuPerRequestMicroseconds: perRequest(measured.cpuMicroseconds.target),
    simulatorCpuPerRequestMicroseconds: perRequest(measured.cpuMicroseconds.simulator),
    rssBytes: measured.rssBytes.target ?? 0,
    mappedFileBytes: measured.mappedFileBytes.target ?? 0,
    firstByteP50Ms: undefined,
    usage,
    settled: measured.settled,
    otherCoreShare: measured.otherCoreShare,
    stealCoreShare: measured.stealCoreShare,
    note: run.note,
  };
  context.progress(
    `${scenario.setup}, ${scenario.kind}, ${connections} conn: ${Math.round(row.requestsPerSecond)} req/s, ` +
      `${Math.round(row.cpuPerRequestMicroseconds)} µs CPU/req` +
      (usage === undefined ? '' : `, usage ${usage.actual}/${usage.expected}`),
  );
  return row;
}

/**
 * Unmeasured load before a setup's first run, so the JIT and connection pools are warm; then
 * waits for the processes to go idle (measureProcesses does) so nothing spills into the run.
 * @param {BenchContext} context
 * @param {{ scenario: LoadScenario, durationSeconds: number }} run
 */
export async function warmUp(context, run) {
  const server = context.servers[run.scenario.request.server];
  await measureProcesses({
    pids: { target: server.pid, simulator: context.servers.simulator.pid },
    benchPids: context.benchPids,
    ticksPerSecond: context.ticksPerSecond,
    work: () =>
      runLoad({
        url: new URL(run.scenario.request.path, server.url).href,
        headers: run.scenario.request.headers,
        body: run.scenario.request.body,
        connections: 50,
        durationSeconds: run.durationSeconds,
      }),
  });
}
