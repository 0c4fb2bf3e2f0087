import { readFileSync } from 'node:fs';

/**
 * @typedef {object} SystemCpu
 * @property {number} busyMicroseconds  CPU time all processes of the machine used, every core together.
 * @property {number} stealMicroseconds  Time the hypervisor ran someone else while this VM wanted to run.
 */

/**
 * The machine's CPU counters from the first line of /proc/stat (clock ticks since boot), so a
 * run can tell how much of the machine processes outside the benchmark used while it ran.
 * @param {number} ticksPerSecond
 * @returns {SystemCpu}
 */
export function readSystemCpu(ticksPerSecond) {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
  const [label, user, nice, system, , , irq, softirq, steal] = line.split(/\s+/);
  if (label !== 'cpu') throw new Error('cannot read /proc/stat');
  const ticks = (/** @type {string | undefined} */ field) => Number(field ?? 0);
  const toMicroseconds = (/** @type {number} */ count) => (count * 1_000_000) / ticksPerSecond;
  return {
    busyMicroseconds: toMicroseconds(ticks(user) + ticks(nice) + ticks(system) + ticks(irq) + ticks(softirq)),
    stealMicroseconds: toMicroseconds(ticks(steal)),
  };
}
