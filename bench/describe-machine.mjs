import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * One line naming what the numbers were measured on: they mean little without it.
 * @param {Date} now
 */
export function describeMachine(now) {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const gibibytes = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os.loadavg().map((value) => value.toFixed(2)).join(', ');
  return `${cpuModel}, ${os.cpus().length} cores, ${gibibytes} GiB RAM, Linux ${os.release()}, Node ${process.version}, ` +
    `load average at start ${load}, ${now.toISOString()}`;
}
