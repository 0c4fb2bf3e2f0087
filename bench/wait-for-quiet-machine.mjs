import { setTimeout as sleep } from 'node:timers/promises';
import { sampleProcess } from './process-stats.mjs';
import { readSystemCpu } from './read-system-cpu.mjs';

/**
 * @typedef {object} QuietOptions
 * @property {number[]} benchPids  The benchmark's own servers (this process is counted too); their CPU is not "other".
 * @property {number} ticksPerSecond
 * @property {number} maxMs  Give up (and measure anyway) after this long.
 * @property {number} [windowMs]  Default 500.
 * @property {number} [quietWindows]  Consecutive quiet windows needed; default 2.
 * @property {number} [quietCoreShare]  Other CPU allowed in a quiet window, in cores; default 0.1.
 */

/**
 * On a shared machine, waits before a measured run until processes outside the benchmark leave
 * the CPU alone, bounded in time. The run records how much other work it still shared the machine
 * with, so a run that had to go ahead anyway is visible in the table.
 * @param {QuietOptions} options
 * @returns {Promise<{ quiet: boolean, waitedMs: number }>}
 */
export async function waitForQuietMachine(options) {
  const windowMs = options.windowMs ?? 500;
  const quietWindows = options.quietWindows ?? 2;
  const allowedMicroseconds = windowMs * 1000 * (options.quietCoreShare ?? 0.1);
  const started = performance.now();
  const otherSoFar = () => {
    const own = options.benchPids.reduce((sum, pid) => sum + sampleProcess(pid, options.ticksPerSecond).cpuMicroseconds, 0);
    const self = process.cpuUsage();
    return readSystemCpu(options.ticksPerSecond).busyMicroseconds - own - self.user - self.system;
  };
  let previous = otherSoFar();
  let quiet = 0;
  while (performance.now() - started < options.maxMs) {
    await sleep(windowMs);
    const current = otherSoFar();
    quiet = current - previous <= allowedMicroseconds ? quiet + 1 : 0;
    previous = current;
    if (quiet >= quietWindows) return { quiet: true, waitedMs: performance.now() - started };
  }
  return { quiet: false, waitedMs: performance.now() - started };
}

/**
 * waitForQuietMachine for a run of the benchmark, saying so when the wait was long or in vain.
 * @param {{ benchPids: number[], ticksPerSecond: number, quietWaitMaxMs: number, progress: (line: string) => void }} context
 * @param {string} label
 */
export async function waitUntilQuiet(context, label) {
  const waited = await waitForQuietMachine({ benchPids: context.benchPids, ticksPerSecond: context.ticksPerSecond, maxMs: context.quietWaitMaxMs });
  if (waited.waitedMs > 5_000 || !waited.quiet) {
    context.progress(`${label}: waited ${Math.round(waited.waitedMs / 1000)} s for other work on the machine${waited.quiet ? '' : ', measuring anyway'}`);
  }
}
