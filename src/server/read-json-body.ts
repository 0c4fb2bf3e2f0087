import type { IncomingMessage } from 'node:http';
import { ProxyError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads at most `limit` bytes and parses them as JSON, with Anthropic-shaped errors for every failure. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ProxyError('UNSUPPORTED_MEDIA_TYPE', `content-type must be application/json; got ${contentType.slice(0, 100)}`);
  }
  const declared = Number(request.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);

  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (total === 0) throw new ProxyError('MALFORMED_JSON', 'The request body is empty; expected a JSON object');

  let text: string;
  try {
    text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
  } catch {
    throw new ProxyError('MALFORMED_JSON', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ProxyError('MALFORMED_JSON', `The request body is not valid JSON: ${detail}`);
  }
}

function tooLarge(limit: number): ProxyError {
  return new ProxyError('REQUEST_TOO_LARGE', `Request exceeds the maximum allowed size of ${limit} bytes`);
}
