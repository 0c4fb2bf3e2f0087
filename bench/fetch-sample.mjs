import { request } from 'undici';

/**
 * One request outside any measurement, to check a setup answers as expected before it is loaded
 * and to count the deltas of its streams.
 * @param {{ origin: string, path: string, headers: Record<string, string>, body: string }} options
 * @returns {Promise<{ statusCode: number, text: string }>}
 */
export async function fetchSample(options) {
  const response = await request(new URL(options.path, options.origin), {
    method: 'POST',
    headers: options.headers,
    body: options.body,
  });
  return { statusCode: response.statusCode, text: await response.body.text() };
}

/**
 * The content deltas in an Anthropic SSE stream: what the per-delta cost is divided by.
 * @param {string} text
 */
export function countStreamDeltas(text) {
  return text.split('\n').filter((line) => line.trim() === 'event: content_block_delta').length;
}
