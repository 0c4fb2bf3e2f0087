import { countStreamDeltas, fetchSample } from './fetch-sample.mjs';

/**
 * Sends one request of each kind before the soak, so a setup that answers wrongly fails at once,
 * and measures what the report needs: deltas per short stream, bytes per long stream.
 * @param {{ origin: string, headers: Record<string, string>, requests: Array<{ api: string, kind: 'short' | 'long', body: string }> }} options
 * @returns {Promise<{ shortDeltas: Record<string, number>, longBytes: Record<string, number> }>}
 */
export async function checkSoakRequests(options) {
  /** @type {Record<string, number>} */
  const shortDeltas = {};
  /** @type {Record<string, number>} */
  const longBytes = {};
  for (const request of options.requests) {
    const sample = await fetchSample({ origin: options.origin, path: '/v1/messages', headers: options.headers, body: request.body });
    const where = `${request.api}, ${request.kind} stream`;
    if (sample.statusCode !== 200) throw new Error(`${where}: expected 200, got ${sample.statusCode}: ${sample.text.slice(0, 300)}`);
    const errorAt = sample.text.indexOf('event: error\n');
    if (errorAt >= 0) throw new Error(`${where}: an error frame: ${sample.text.slice(errorAt, errorAt + 300)}`);
    if (!sample.text.slice(sample.text.lastIndexOf('event: ')).startsWith('event: message_stop\n')) throw new Error(`${where}: no message_stop at the end`);
    if (request.kind === 'short') shortDeltas[request.api] = countStreamDeltas(sample.text);
    else longBytes[request.api] = Buffer.byteLength(sample.text);
  }
  return { shortDeltas, longBytes };
}
