import { sampleProcess } from './process-stats.mjs';
import { waitForIdle } from './wait-for-idle.mjs';

/**
 * @template Result
 * @typedef {object} Measured
 * @property {Result} result
 * @property {Record<string, number>} cpuMicroseconds  CPU each watched process spent, by name.
 * @property {Record<string, number>} rssBytes  RSS of each watched process afterwards, by name.
 * @property {boolean} settled  false when a process was still busy when the wait for idle gave up.
 */

/**
 * Runs `work` and reports what it cost each watched process. CPU is read before the work and
 * again once every process is idle, so work finished after the last response (usage records
 * flushed in the background) belongs to this run; RSS is read at that same moment.
 * @template Result
 * @param {{ pids: Record<string, number>, ticksPerSecond: number, work: () => Promise<Result> }} options
 * @returns {Promise<Measured<Result>>}
 */
export async function measureProcesses(options) {
  const names = Object.keys(options.pids);
  const sampleAll = () => Object.fromEntries(names.map((name) => [name, sampleProcess(options.pids[name] ?? -1, options.ticksPerSecond)]));
  const before = sampleAll();
  const result = await options.work();
  const settled = await waitForIdle({
    pids: Object.values(options.pids),
    readCpuMicroseconds: (pid) => sampleProcess(pid, options.ticksPerSecond).cpuMicroseconds,
  });
  const after = sampleAll();
  /** @type {Record<string, number>} */
  const cpuMicroseconds = {};
  /** @type {Record<string, number>} */
  const rssBytes = {};
  for (const name of names) {
    cpuMicroseconds[name] = (after[name]?.cpuMicroseconds ?? 0) - (before[name]?.cpuMicroseconds ?? 0);
    rssBytes[name] = after[name]?.rssBytes ?? 0;
  }
  return { result, cpuMicroseconds, rssBytes, settled };
}
