import { keepArrivedJson } from '../anthropic/sse.js';
import { ProxyError } from '../errors.js';
import { decodeEventStream, parseEventPayload } from './decode-event-stream.js';

export interface DecodeInvokeStreamOptions {
  /** Turns a failure of the byte source itself (socket, timeout, abort) into what the caller should see. */
  mapReadError?: (error: unknown) => unknown;
}

/**
 * Decodes an InvokeModelWithResponseStream body: every `chunk` event carries one Anthropic stream
 * event as base64 JSON in `bytes` (beside the `p` padding). Framing, exceptions and truncation are
 * handled as for ConverseStream; other event types are skipped.
 */
export function decodeInvokeStream(
  chunks: AsyncIterable<Uint8Array>,
  options: DecodeInvokeStreamOptions = {},
): AsyncGenerator<Record<string, unknown>[], void, undefined> {
  return decodeEventStream(chunks, { ...options, toEvent });
}

function toEvent(eventType: string | undefined, body: Uint8Array): Record<string, unknown> | undefined {
  if (eventType !== 'chunk') return undefined;
  const bytes = parseEventPayload(body)['bytes'];
  if (typeof bytes !== 'string') {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk event without base64 `bytes`');
  }
  let event: unknown;
  const json = Buffer.from(bytes, 'base64').toString('utf8');
  try {
    event = JSON.parse(json);
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk whose bytes are not JSON', { cause: error });
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk whose bytes are not a JSON object');
  }
  // Most events go to the client unchanged: their frame can reuse this text.
  keepArrivedJson(event, json);
  return event as Record<string, unknown>;
}
