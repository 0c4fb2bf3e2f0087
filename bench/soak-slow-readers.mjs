import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} SlowReaderCounts
 * @property {number} sent  Requests written.
 * @property {number} bytesRead  Response body bytes the readers took, all of them together.
 * @property {number} unreadBytes  Of the streams open when the phase ended: their full length minus what was read.
 * @property {number} completed  Streams read to their end (with message_stop) within the phase.
 * @property {number} cutOff  Streams still open at the end, closed by the reader (the proxy records them as 499).
 * @property {{ status: number, errorFrame: number, missingStop: number, socket: number }} errors  By kind.
 * @property {string[]} examples
 */

/**
 * @typedef {object} SlowReadersOptions
 * @property {string} origin
 * @property {Record<string, string>} headers
 * @property {Array<{ api: string, body: string, streamBytes: number }>} requests  Taken in turn; `streamBytes` is the full length of that answer.
 * @property {number} readers
 * @property {number} durationSeconds
 * @property {number} bytesPerSecond  What each reader reads.
 * @property {number} [tickMs]  Default 250.
 */

const maxExamples = 5;
/** The tail kept to see how a stream ended and to find an error frame split across reads. */
const tailBytes = 256;

/**
 * Clients that ask for long streams and read them at a few KB/s (the response stays paused; each
 * tick takes a fixed number of bytes from it), until the phase ends and they hang up.
 * @param {SlowReadersOptions} options
 * @returns {Promise<SlowReaderCounts>}
 */
export async function runSlowReaders(options) {
  const tickMs = options.tickMs ?? 250;
  const bytesPerTick = Math.max(1, Math.round((options.bytesPerSecond * tickMs) / 1000));
  /** @type {SlowReaderCounts} */
  const counts = { sent: 0, bytesRead: 0, unreadBytes: 0, completed: 0, cutOff: 0, errors: { status: 0, errorFrame: 0, missingStop: 0, socket: 0 }, examples: [] };
  const note = (/** @type {keyof SlowReaderCounts['errors']} */ kind, /** @type {string} */ detail) => {
    counts.errors[kind] += 1;
    if (counts.examples.length < maxExamples) counts.examples.push(`${kind}: ${detail}`);
  };
  const deadline = performance.now() + options.durationSeconds * 1000;
  const maxTicks = Math.ceil((options.durationSeconds * 1000) / tickMs) + 1;
  let turn = 0;

  const reader = async () => {
    for (let stream = 0; stream < maxTicks && performance.now() < deadline; stream += 1) {
      const request = options.requests[turn % options.requests.length];
      turn += 1;
      if (request === undefined) return;
      counts.sent += 1;
      await readSlowly(request);
    }
  };

  /** @param {{ body: string, streamBytes: number }} request */
  const readSlowly = async (request) => {
    const clientRequest = http.request(new URL('/v1/messages', options.origin), { method: 'POST', headers: options.headers, agent: false });
    let failed = false;
    clientRequest.on('error', (error) => {
      if (performance.now() < deadline && !failed) note('socket', error.message);
      failed = true;
    });
    const responded = new Promise((resolve) => {
      clientRequest.once('response', resolve);
      clientRequest.once('error', () => resolve(undefined));
    });
    clientRequest.end(request.body);
    const response = /** @type {http.IncomingMessage | undefined} */ (await responded);
    if (response === undefined) return;
    response.pause();
    response.on('error', () => undefined);
    let read = 0;
    let tail = '';
    for (let tick = 0; tick < maxTicks && performance.now() < deadline && !failed; tick += 1) {
      for (let budget = bytesPerTick; budget > 0; ) {
        const chunk = /** @type {Buffer | null} */ (response.read(Math.min(budget, Math.max(1, response.readableLength))));
        if (chunk === null) break;
        budget -= chunk.length;
        read += chunk.length;
        tail = (tail + chunk.toString('latin1')).slice(-tailBytes);
        if (tail.includes('event: error\n')) {
          note('errorFrame', tail);
          failed = true;
          break;
        }
      }
      if (response.readableEnded) break;
      await sleep(tickMs);
    }
    counts.bytesRead += read;
    if (response.statusCode !== 200) {
      note('status', `${response.statusCode} ${tail.slice(0, 200)}`);
    } else if (response.readableEnded) {
      if (tail.slice(tail.lastIndexOf('event: ')).startsWith('event: message_stop\n')) counts.completed += 1;
      else note('missingStop', tail);
    } else if (!failed) {
      counts.cutOff += 1;
      counts.unreadBytes += Math.max(0, request.streamBytes - read);
    }
    clientRequest.destroy();
  };

  await Promise.all(Array.from({ length: options.readers }, reader));
  return counts;
}
