import autocannon from 'autocannon';
import { percentile } from './percentile.mjs';

/**
 * @typedef {object} LoadOptions
 * @property {string} url  Origin and path.
 * @property {string} body
 * @property {Record<string, string>} headers
 * @property {number} connections
 * @property {number} durationSeconds
 */

/**
 * @typedef {object} LoadResult
 * @property {number} requestsPerSecond  autocannon's mean of its per-second samples.
 * @property {number} latencyP50Ms  Time to the end of each response.
 * @property {number} latencyP99Ms
 * @property {number} sent  Requests written, including those cut off when the duration ended.
 * @property {number} completed  Responses received in full.
 * @property {number} non2xx
 * @property {number} errors  Connection errors and timeouts.
 */

/**
 * One fixed-duration autocannon run (its programmatic API, in this process). One request per
 * connection at a time: no pipelining, as HTTP clients of an API behave.
 * @param {LoadOptions} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(options) {
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 30,
  });
  // autocannon's histogram keeps whole milliseconds; its per-response event has the exact time.
  /** @type {number[]} */
  const latencies = [];
  instance.on('response', (/** @type {unknown} */ _client, /** @type {number} */ _status, /** @type {number} */ _bytes, /** @type {number} */ milliseconds) => {
    latencies.push(milliseconds);
  });
  const result = await instance;
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    sent: result.requests.sent,
    completed: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
