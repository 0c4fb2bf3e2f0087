import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * @typedef {object} ProcessSample
 * @property {number} cpuMicroseconds  User + system CPU time since the process started.
 * @property {number} rssBytes  Resident set size now.
 * @property {number} mappedFileBytes  The part of it that maps files (`RssFile`: the binary, and the
 *   store engine's LevelDB table files), which the kernel can drop and read again when memory is short.
 */

/** /proc/<pid>/stat counts CPU in clock ticks; their length depends on the kernel, so ask once. */
export function readClockTicksPerSecond() {
  const printed = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
  const ticks = Number(printed);
  if (!Number.isInteger(ticks) || ticks <= 0) throw new Error(`getconf CLK_TCK printed "${printed}"`);
  return ticks;
}

/**
 * CPU and RSS of another process, from /proc (Linux only).
 * @param {number} pid
 * @param {number} ticksPerSecond  From readClockTicksPerSecond.
 * @returns {ProcessSample}
 */
export function sampleProcess(pid, ticksPerSecond) {
  const cpuMicroseconds = readCpuMicroseconds(`/proc/${pid}/stat`, ticksPerSecond);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  const mappedFiles = /^RssFile:\s+(\d+)\s+kB$/m.exec(status);
  if (rss === null || Number.isNaN(cpuMicroseconds)) throw new Error(`cannot read CPU and RSS of process ${pid}`);
  return { cpuMicroseconds, rssBytes: Number(rss[1]) * 1024, mappedFileBytes: Number(mappedFiles?.[1] ?? 0) * 1024 };
}

/**
 * User + system CPU time from a `stat` file of /proc: a process's (`/proc/<pid>/stat`) or one of
 * its threads' (`/proc/<pid>/task/<tid>/stat`). NaN when the file does not hold the two fields.
 * @param {string} statPath
 * @param {number} ticksPerSecond  From readClockTicksPerSecond.
 * @returns {number}
 */
export function readCpuMicroseconds(statPath, ticksPerSecond) {
  const stat = readFileSync(statPath, 'utf8');
  // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is fields[0], so utime (field 14) is fields[11] and stime (field 15) fields[12].
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / ticksPerSecond;
}
