import type { StreamScript } from '../answer/build-stream-events.js';
import type { NativeStreamEvent } from '../native/native-types.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import type { ResponseSink } from './response-sink.js';
import { sendEventStream } from './send-event-stream.js';

export interface SendInvokeStreamOptions {
  response: ResponseSink;
  stream: StreamScript<NativeStreamEvent>;
  frames: StreamFrameEncoder;
  requestId: string;
  eventDelayMs: number;
  signal: AbortSignal;
}

/** InvokeModelWithResponseStream: each Anthropic event travels base64-encoded in a `chunk` frame's `bytes`. */
export async function sendInvokeStream(options: SendInvokeStreamOptions): Promise<'completed' | 'error' | 'aborted'> {
  const { stream, frames } = options;
  const encoded = stream.events.map((event) => frames.event({ chunk: { bytes: Buffer.from(JSON.stringify(event)).toString('base64') } }));
  if (stream.exception !== undefined) encoded.push(frames.exception(stream.exception));
  return sendEventStream({
    response: options.response,
    frames: encoded,
    endsWithException: stream.exception !== undefined,
    headers: { 'x-amzn-requestid': options.requestId, 'x-amzn-bedrock-content-type': 'application/json' },
    eventDelayMs: options.eventDelayMs,
    signal: options.signal,
  });
}
