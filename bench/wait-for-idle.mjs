import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} WaitForIdleOptions
 * @property {number[]} pids
 * @property {(pid: number) => number} readCpuMicroseconds
 * @property {number} [intervalMs]  Default 300: longer than the proxy's 250 ms usage flush delay.
 * @property {number} [quietIntervals]  Consecutive quiet intervals needed; default 2.
 * @property {number} [maxMs]  Default 15 000.
 */

/**
 * Waits until every watched process has (nearly) stopped using CPU, so the work a run leaves
 * behind (usage records flushed after the last response) is counted in that run and not the next.
 * "Quiet" is under 5% of a core, which tolerates timers and one stray clock tick.
 * @param {WaitForIdleOptions} options
 * @returns {Promise<boolean>} false when the time ran out first.
 */
export async function waitForIdle(options) {
  const intervalMs = options.intervalMs ?? 300;
  const quietIntervals = options.quietIntervals ?? 2;
  const deadline = performance.now() + (options.maxMs ?? 15_000);
  const quietLimitMicroseconds = intervalMs * 1000 * 0.05;
  let previous = options.pids.map(options.readCpuMicroseconds);
  let quiet = 0;
  while (performance.now() < deadline) {
    await sleep(intervalMs);
    const current = options.pids.map(options.readCpuMicroseconds);
    const busiest = Math.max(...current.map((value, index) => value - (previous[index] ?? value)));
    previous = current;
    quiet = busiest <= quietLimitMicroseconds ? quiet + 1 : 0;
    if (quiet >= quietIntervals) return true;
  }
  return false;
}
