import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { ConverseStreamEvent } from '../../bedrock/types.js';
import type { StreamException } from '../answer/build-stream-events.js';

const paddingAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A ConverseStream event, or an InvokeModelWithResponseStream `chunk` (base64 of one Anthropic stream event). */
export type StreamFrameEvent = ConverseStreamEvent | { chunk: { bytes: string } };

export interface StreamFrameEncoder {
  event(event: StreamFrameEvent): Uint8Array;
  exception(exception: StreamException): Uint8Array;
}

/**
 * Binary event-stream frames as Bedrock sends them, each JSON payload with the random-length `p`
 * padding field. `random` returns a number in [0, 1).
 */
export function createStreamFrameEncoder(random: () => number): StreamFrameEncoder {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const eventHeaders = new Map<string, MessageHeaders>();
  const headersFor = (eventType: string): MessageHeaders => {
    let headers = eventHeaders.get(eventType);
    if (headers === undefined) {
      headers = {
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'event' },
      };
      eventHeaders.set(eventType, headers);
    }
    return headers;
  };
  return {
    event(event) {
      const [eventType, payload] = Object.entries(event)[0] ?? ['unknown', {}];
      const json = JSON.stringify(payload);
      const padding = paddingAlphabet.slice(0, 1 + Math.floor(random() * paddingAlphabet.length));
      const padded = json === '{}' ? `{"p":"${padding}"}` : `${json.slice(0, -1)},"p":"${padding}"}`;
      return codec.encode({ headers: headersFor(eventType), body: fromUtf8(padded) });
    },
    exception(exception) {
      return codec.encode({
        headers: {
          ':exception-type': { type: 'string', value: exception.name },
          ':content-type': { type: 'string', value: 'application/json' },
          ':message-type': { type: 'string', value: 'exception' },
        },
        body: fromUtf8(JSON.stringify(exception.payload)),
      });
    },
  };
}
