import { Client } from 'undici';
import { percentile } from './percentile.mjs';

/**
 * @typedef {object} FirstByteOptions
 * @property {string} origin
 * @property {string} path
 * @property {Record<string, string>} headers
 * @property {string} body
 * @property {number} count  Measured requests at most…
 * @property {number} maxMs  …and at most this long.
 * @property {number} warmupCount  Sent first, not measured (still sent, so still recorded by the proxy).
 */

/**
 * @typedef {object} FirstByteResult
 * @property {number} firstByteP50Ms  Median time from sending to the first body chunk.
 * @property {number} latencyP50Ms  Median time to the end of the response.
 * @property {number} latencyP99Ms
 * @property {number} requestsPerSecond  Measured requests over their elapsed time.
 * @property {number} sent  Every request sent, warm-up included.
 * @property {number} completed  Measured requests completed.
 * @property {number} non2xx
 * @property {number} errors
 */

/**
 * Sequential streaming requests on one keep-alive connection (undici `Client`), timing each until
 * the first body chunk and until the end. One connection and one request at a time, so nothing
 * queues: the times are the server's own latency plus this client's fixed overhead, which cancels
 * out when two servers are compared.
 * @param {FirstByteOptions} options
 * @returns {Promise<FirstByteResult>}
 */
export async function measureFirstByte(options) {
  const client = new Client(options.origin, { pipelining: 1 });
  /** @type {number[]} */
  const firstBytes = [];
  /** @type {number[]} */
  const latencies = [];
  let sent = 0;
  let non2xx = 0;
  let errors = 0;
  try {
    for (let index = 0; index < options.warmupCount; index += 1) {
      sent += 1;
      await timeOne(client, options).catch(() => undefined);
    }
    const started = performance.now();
    const deadline = started + options.maxMs;
    for (let index = 0; index < options.count && performance.now() < deadline; index += 1) {
      sent += 1;
      try {
        const timing = await timeOne(client, options);
        if (timing.statusCode < 200 || timing.statusCode > 299) non2xx += 1;
        firstBytes.push(timing.firstByteMs);
        latencies.push(timing.latencyMs);
      } catch {
        errors += 1;
      }
    }
    const elapsedSeconds = (performance.now() - started) / 1000;
    return {
      firstByteP50Ms: percentile(firstBytes, 0.5),
      latencyP50Ms: percentile(latencies, 0.5),
      latencyP99Ms: percentile(latencies, 0.99),
      requestsPerSecond: latencies.length / elapsedSeconds,
      sent,
      completed: latencies.length,
      non2xx,
      errors,
    };
  } finally {
    await client.close();
  }
}

/** @param {Client} client @param {FirstByteOptions} options */
async function timeOne(client, options) {
  const started = performance.now();
  const response = await client.request({ method: 'POST', path: options.path, headers: options.headers, body: options.body });
  let firstByteAt = 0;
  for await (const chunk of response.body) {
    if (firstByteAt === 0 && chunk.length > 0) firstByteAt = performance.now();
  }
  const ended = performance.now();
  return { statusCode: response.statusCode, firstByteMs: (firstByteAt || ended) - started, latencyMs: ended - started };
}
