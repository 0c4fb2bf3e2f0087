import { Pool } from 'undici';
import { percentile } from './percentile.mjs';

/**
 * @typedef {object} StreamingCounts
 * @property {number} sent  Requests written.
 * @property {number} completed  Status 200, ended with message_stop, no error frame.
 * @property {{ status: number, errorFrame: number, missingStop: number, socket: number }} errors  By kind.
 * @property {Record<string, number>} sentByApi
 * @property {number} latencyP50Ms  Time to the end of each completed stream.
 * @property {number} latencyP99Ms
 * @property {string[]} examples  The first few failures, for the log.
 */

/**
 * @typedef {object} StreamingClientsOptions
 * @property {string} origin
 * @property {Record<string, string>} headers
 * @property {Array<{ api: string, body: string }>} requests  Taken in turn, so the APIs alternate.
 * @property {number} clients
 * @property {number} durationSeconds
 */

const maxExamples = 5;
/** A bound on each client's loop besides the time: no client could send this many per second. */
const maxRequestsPerClientPerSecond = 1000;

/**
 * `clients` loops in this process, each sending one streaming request at a time over its own
 * keep-alive connection until the time is up, reading every body whole and checking how it ends.
 * @param {StreamingClientsOptions} options
 * @returns {Promise<StreamingCounts>}
 */
export async function runStreamingClients(options) {
  const pool = new Pool(options.origin, { connections: options.clients, pipelining: 1 });
  /** @type {StreamingCounts} */
  const counts = {
    sent: 0,
    completed: 0,
    errors: { status: 0, errorFrame: 0, missingStop: 0, socket: 0 },
    sentByApi: {},
    latencyP50Ms: Number.NaN,
    latencyP99Ms: Number.NaN,
    examples: [],
  };
  /** @type {number[]} */
  const latencies = [];
  const note = (/** @type {keyof StreamingCounts['errors']} */ kind, /** @type {string} */ detail) => {
    counts.errors[kind] += 1;
    if (counts.examples.length < maxExamples) counts.examples.push(`${kind}: ${detail}`);
  };
  const deadline = performance.now() + options.durationSeconds * 1000;
  const maxPerClient = options.durationSeconds * maxRequestsPerClientPerSecond;
  let turn = 0;

  const client = async () => {
    for (let count = 0; count < maxPerClient && performance.now() < deadline; count += 1) {
      const request = options.requests[turn % options.requests.length];
      turn += 1;
      if (request === undefined) return;
      counts.sent += 1;
      counts.sentByApi[request.api] = (counts.sentByApi[request.api] ?? 0) + 1;
      const started = performance.now();
      try {
        const response = await pool.request({ path: '/v1/messages', method: 'POST', headers: options.headers, body: request.body });
        const text = await response.body.text();
        if (response.statusCode !== 200) note('status', `${response.statusCode} ${text.slice(0, 200)}`);
        else if (text.includes('event: error\n')) note('errorFrame', text.slice(text.indexOf('event: error\n'), text.indexOf('event: error\n') + 300));
        else if (!text.slice(text.lastIndexOf('event: ')).startsWith('event: message_stop\n')) note('missingStop', text.slice(-200));
        else {
          counts.completed += 1;
          latencies.push(performance.now() - started);
        }
      } catch (error) {
        note('socket', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: options.clients }, client));
  } finally {
    await pool.close();
  }
  counts.latencyP50Ms = percentile(latencies, 0.5);
  counts.latencyP99Ms = percentile(latencies, 0.99);
  return counts;
}
