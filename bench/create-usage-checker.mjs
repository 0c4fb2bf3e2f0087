import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} UsageCheck
 * @property {number} expected
 * @property {number} actual
 * @property {boolean} matches
 */

/**
 * @typedef {object} UsageCheckerOptions
 * @property {{ usage: { query(query: { keyId: string, since?: string, until?: string }): Promise<unknown[]> } }} store  Connected to the running proxy's engine.
 * @property {string} keyId
 * @property {number} [pollIntervalMs]  Default 500.
 * @property {number} [stablePolls]  Unchanged polls that mean the writer has flushed; default 3.
 * @property {number} [maxMs]  Default 30 000.
 */

/**
 * Counts the usage records a run left: the key's records from the run's start until now, polled
 * until the count reaches the expected number or stops changing (the writer batches in the
 * background), bounded in time.
 * @param {UsageCheckerOptions} options
 */
export function createUsageChecker(options) {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const stablePolls = options.stablePolls ?? 3;
  const maxMs = options.maxMs ?? 30_000;
  const count = async (/** @type {Date} */ since) => {
    const records = await options.store.usage.query({ keyId: options.keyId, since: since.toISOString(), until: new Date().toISOString() });
    return records.length;
  };
  return {
    /**
     * @param {{ since: Date, expected: number }} window
     * @returns {Promise<UsageCheck>}
     */
    async check(window) {
      const deadline = performance.now() + maxMs;
      let actual = await count(window.since);
      let unchanged = 0;
      while (actual !== window.expected && unchanged < stablePolls && performance.now() < deadline) {
        await sleep(pollIntervalMs);
        const next = await count(window.since);
        unchanged = next === actual ? unchanged + 1 : 0;
        actual = next;
      }
      return { expected: window.expected, actual, matches: actual === window.expected };
    },
  };
}
