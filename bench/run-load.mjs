import autocannon from 'autocannon';

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
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 30,
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    sent: result.requests.sent,
    completed: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
