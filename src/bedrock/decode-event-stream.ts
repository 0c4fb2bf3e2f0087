import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { Message, MessageHeaders } from '@smithy/types';
import { fromUtf8 } from '@smithy/util-utf8';
import { isProxyError, ProxyError } from '../errors.js';
import { createFrameSplitter } from './create-frame-splitter.js';
import { mapBedrockError, mapStreamException } from './map-bedrock-error.js';

export interface DecodeEventStreamOptions<Event> {
  /** One `event` frame → what to yield; undefined skips event types the caller does not know. */
  toEvent: (eventType: string | undefined, body: Uint8Array) => Event | undefined;
  /** Turns a failure of the byte source itself (socket, timeout, abort) into what the caller should see. */
  mapReadError?: (error: unknown) => unknown;
}

/**
 * Six header strings and one payload are decoded per frame; TextDecoder does that about twice as
 * fast as util-utf8's `toUtf8`, which wraps every view in a new Buffer. The BOM is kept, as Buffer does.
 */
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
export const toUtf8 = (input: Uint8Array | string): string => (typeof input === 'string' ? input : utf8Decoder.decode(input));

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
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const splitter = createFrameSplitter();
  try {
    for await (const chunk of chunks) {
      splitter.append(chunk);
      const events: Event[] = [];
      try {
        for (let frame = splitter.next(); frame !== undefined; frame = splitter.next()) {
          const event = decodeFrame(codec, frame, options.toEvent);
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

function decodeFrame<Event>(
  codec: EventStreamCodec,
  frame: Uint8Array,
  toEvent: DecodeEventStreamOptions<Event>['toEvent'],
): Event | undefined {
  let message: Message;
  try {
    message = codec.decode(frame);
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent a corrupt event-stream frame: ${errorText(error)}`, {
      cause: error,
    });
  }
  const messageType = stringHeader(message.headers, ':message-type');
  if (messageType === 'event') {
    return toEvent(stringHeader(message.headers, ':event-type'), message.body);
  }
  if (messageType === 'exception') {
    const exceptionType = stringHeader(message.headers, ':exception-type') ?? 'unknownException';
    throw mapStreamException(exceptionType, parseEventPayload(message.body));
  }
  if (messageType === 'error') {
    const errorCode = stringHeader(message.headers, ':error-code');
    const errorMessage = stringHeader(message.headers, ':error-message') ?? errorCode ?? 'unknown error';
    throw mapBedrockError({ errorType: errorCode, status: 500, message: errorMessage });
  }
  throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent an event-stream frame of unknown message type "${messageType ?? ''}"`);
}

function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === 'string' ? header.value : undefined;
}

/** A frame's JSON payload, which must be an object. */
export function parseEventPayload(body: Uint8Array): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(toUtf8(body));
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
