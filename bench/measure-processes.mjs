import { sampleProcess } from './process-stats.mjs';
import { readSystemCpu } from './read-system-cpu.mjs';
import { waitForIdle } from './wait-for-idle.mjs';

/**
 * @template Result
 * @typedef {object} Measured
 * @property {Result} result
 * @property {Record<string, number>} cpuMicroseconds  CPU each watched process spent, by name.
 * @property {Record<string, number>} rssBytes  RSS of each watched process afterwards, by name.
 * @property {Record<string, number>} mappedFileBytes  The file-mapped part of each RSS, by name.
 * @property {boolean} settled  false when a process was still busy when the wait for idle gave up.
 * @property {number} otherCoreShare  CPU used meanwhile by processes outside the benchmark, in cores (0.25 = a quarter of one core).
 * @property {number} stealCoreShare  Time stolen by the hypervisor meanwhile, in cores.
 */

/**
 * @typedef {object} MeasureOptions
 * @property {Record<string, number>} pids  The processes to report on, by name.
 * @property {number[]} benchPids  Every server process of the benchmark (this process is added), to tell its CPU from the rest of the machine's.
 * @property {number} ticksPerSecond
 */

/**
 * Runs `work` and reports what it cost each watched process. CPU is read before the work and
 * again once every process is idle, so work finished after the last response (usage records
 * flushed in the background) belongs to this run; RSS is read at that same moment.
 * @template Result
 * @param {MeasureOptions & { work: () => Promise<Result> }} options
 * @returns {Promise<Measured<Result>>}
 */
export async function measureProcesses(options) {
  const names = Object.keys(options.pids);
  const sampleAll = () => Object.fromEntries(names.map((name) => [name, sampleProcess(options.pids[name] ?? -1, options.ticksPerSecond)]));
  const benchCpu = () =>
    options.benchPids.reduce((sum, pid) => sum + sampleProcess(pid, options.ticksPerSecond).cpuMicroseconds, 0) +
    process.cpuUsage().user + process.cpuUsage().system;
  const systemBefore = readSystemCpu(options.ticksPerSecond);
  const benchBefore = benchCpu();
  const started = performance.now();
  const before = sampleAll();
  const result = await options.work();
  const settled = await waitForIdle({
    pids: Object.values(options.pids),
    readCpuMicroseconds: (pid) => sampleProcess(pid, options.ticksPerSecond).cpuMicroseconds,
  });
  const after = sampleAll();
  const elapsedMicroseconds = (performance.now() - started) * 1000;
  const benchSpent = benchCpu() - benchBefore;
  const systemAfter = readSystemCpu(options.ticksPerSecond);
  /** @type {Record<string, number>} */
  const cpuMicroseconds = {};
  /** @type {Record<string, number>} */
  const rssBytes = {};
  /** @type {Record<string, number>} */
  const mappedFileBytes = {};
  for (const name of names) {
    cpuMicroseconds[name] = (after[name]?.cpuMicroseconds ?? 0) - (before[name]?.cpuMicroseconds ?? 0);
    rssBytes[name] = after[name]?.rssBytes ?? 0;
    mappedFileBytes[name] = after[name]?.mappedFileBytes ?? 0;
  }
  const otherMicroseconds = Math.max(0, systemAfter.busyMicroseconds - systemBefore.busyMicroseconds - benchSpent);
  return {
    result,
    cpuMicroseconds,
    rssBytes,
    mappedFileBytes,
    settled,
    otherCoreShare: otherMicroseconds / elapsedMicroseconds,
    stealCoreShare: (systemAfter.stealMicroseconds - systemBefore.stealMicroseconds) / elapsedMicroseconds,
  };
}
