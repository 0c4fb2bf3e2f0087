import { isProxyError, ProxyError } from '../errors.js';
import { createFrameSplitter } from './create-frame-splitter.js';
import { mapBedrockError, mapStreamException } from './map-bedrock-error.js';
import { readEventStreamFrame, utf8Decoder, type EventStreamFrame } from './read-event-stream-frame.js';

export interface DecodeEventStreamOptions<Event> {
  /** One `event` frame → what to yield; undefined skips event types the caller does not know. */
  toEvent: (eventType: string | undefined, body: Uint8Array) => Event | undefined;
  /** Turns a failure of the byte source itself (socket, timeout, abort) into what the caller should see. */
  mapReadError?: (error: unknown) => unknown;
}

/**
 * Decodes an `application/vnd.amazon.eventstream` body as it arrives (ConverseStream and
 * InvokeModelWithResponseStream share the framing), yielding the events of each network read
 * together, so the layers downstream pay once per read rather than once per event. Both CRCs of every
 * frame are checked; exception and error frames are thrown as ProxyErrors (after the events before
 * them); a body that ends inside a frame is STREAM_INCOMPLETE. Returning early closes the byte source.
 */
export async function* decodeEventStream<Event>(
  chunks: AsyncIterable<Uint8Array>,
  options: DecodeEventStreamOptions<Event>,
): AsyncGenerator<Event[], void, undefined> {
  const splitter = createFrameSplitter();
  try {
    for await (const chunk of chunks) {
      splitter.append(chunk);
      const events: Event[] = [];
      try {
        for (let frame = splitter.next(); frame !== undefined; frame = splitter.next()) {
          const event = decodeFrame(frame, options.toEvent);
          if (event !== undefined) events.push(event);
        }
      } catch (error) {
        if (events.length > 0) yield events;
        throw error;
      }
      if (events.length > 0) yield events;
    }
  } catch (error) {
    if (isProxyError(error) || options.mapReadError === undefined) throw error;
    throw options.mapReadError(error);
  }
  if (splitter.pendingBytes() > 0) {
    throw new ProxyError(
      'STREAM_INCOMPLETE',
      `The Bedrock stream ended inside an event-stream frame (${splitter.pendingBytes()} bytes of an incomplete frame)`,
    );
  }
}

function decodeFrame<Event>(bytes: Uint8Array, toEvent: DecodeEventStreamOptions<Event>['toEvent']): Event | undefined {
  let frame: EventStreamFrame;
  try {
    frame = readEventStreamFrame(bytes);
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent a corrupt event-stream frame: ${errorText(error)}`, {
      cause: error,
    });
  }
  const { messageType } = frame;
  if (messageType === 'event') return toEvent(frame.eventType, frame.payload);
  if (messageType === 'exception') {
    throw mapStreamException(frame.exceptionType ?? 'unknownException', parseEventPayload(frame.payload));
  }
  if (messageType === 'error') {
    const errorMessage = frame.errorMessage ?? frame.errorCode ?? 'unknown error';
    throw mapBedrockError({ errorType: frame.errorCode, status: 500, message: errorMessage });
  }
  throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent an event-stream frame of unknown message type "${messageType ?? ''}"`);
}

/** A frame's JSON payload, which must be an object. */
export function parseEventPayload(body: Uint8Array): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(utf8Decoder.decode(body));
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent an event whose payload is not JSON: ${errorText(error)}`, {
      cause: error,
    });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock sent an event whose payload is not a JSON object');
  }
  return payload as Record<string, unknown>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
