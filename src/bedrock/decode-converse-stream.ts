import type { ConverseStreamEvent } from './types.js';
import { decodeEventStream, parseEventPayload } from './decode-event-stream.js';

export interface DecodeConverseStreamOptions {
  /** Turns a failure of the byte source itself (socket, timeout, abort) into what the caller should see. */
  mapReadError?: (error: unknown) => unknown;
}

/**
 * Decodes a ConverseStream body as it arrives into typed events (see decodeEventStream for CRCs,
 * exceptions and truncation). Event types newer than this proxy's Converse model are skipped.
 */
export function decodeConverseStream(
  chunks: AsyncIterable<Uint8Array>,
  options: DecodeConverseStreamOptions = {},
): AsyncGenerator<ConverseStreamEvent[], void, undefined> {
  return decodeEventStream(chunks, { ...options, toEvent });
}

/** Literal wrappers (not a computed key) keep one object shape per event type for the code downstream. */
function toEvent(eventType: string | undefined, body: Uint8Array): ConverseStreamEvent | undefined {
  switch (eventType) {
    case 'contentBlockDelta':
      return { contentBlockDelta: withoutPadding(body) };
    case 'contentBlockStart':
      return { contentBlockStart: withoutPadding(body) };
    case 'contentBlockStop':
      return { contentBlockStop: withoutPadding(body) };
    case 'messageStart':
      return { messageStart: withoutPadding(body) };
    case 'messageStop':
      return { messageStop: withoutPadding(body) };
    case 'metadata':
      return { metadata: withoutPadding(body) };
    default:
      return undefined;
  }
}

/** Bedrock pads every event with a random-length `p` field against traffic analysis. */
function withoutPadding<Payload>(body: Uint8Array): Payload {
  const payload = parseEventPayload(body);
  delete payload['p'];
  return payload as Payload;
}
