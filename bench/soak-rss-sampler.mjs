import { readFileSync } from 'node:fs';

/**
 * @typedef {object} RssSample
 * @property {number} atSeconds  Since the sampler started.
 * @property {number} rssBytes  VmRSS.
 * @property {number} anonymousBytes  RssAnon: heap, stacks, malloc; what a leak would grow.
 * @property {number} fileBytes  RssFile: mapped files (code, and the store engine's mapped table files), which the kernel can reclaim.
 */

/**
 * Samples a process's resident memory from /proc/<pid>/status (Linux) every `intervalMs` until
 * stopped; the first sample is taken at once. A process that has gone away ends the sampling.
 * @param {{ pid: number, intervalMs?: number }} options
 * @returns {{ stop(): RssSample[] }}
 */
export function startRssSampler(options) {
  const started = performance.now();
  /** @type {RssSample[]} */
  const samples = [];
  const take = () => {
    try {
      const status = readFileSync(`/proc/${options.pid}/status`, 'utf8');
      const kibibytes = (/** @type {string} */ field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
      samples.push({ atSeconds: (performance.now() - started) / 1000, rssBytes: kibibytes('VmRSS'), anonymousBytes: kibibytes('RssAnon'), fileBytes: kibibytes('RssFile') });
    } catch {
      clearInterval(timer);
    }
  };
  const timer = setInterval(take, options.intervalMs ?? 1000);
  take();
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
