import type { StreamScript } from '../answer/build-stream-events.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import type { ResponseSink } from './response-sink.js';
import { sendEventStream } from './send-event-stream.js';

export interface SendConverseStreamOptions {
  response: ResponseSink;
  stream: StreamScript;
  frames: StreamFrameEncoder;
  requestId: string;
  eventDelayMs: number;
  /** Aborted when the client goes away or the simulator closes: sending stops at once. */
  signal: AbortSignal;
}

/** Writes the ConverseStream event stream; resolves `error` when it ended with an exception frame. */
export async function sendConverseStream(options: SendConverseStreamOptions): Promise<'completed' | 'error' | 'aborted'> {
  const { stream, frames } = options;
  const encoded = stream.events.map((event) => frames.event(event));
  if (stream.exception !== undefined) encoded.push(frames.exception(stream.exception));
  return sendEventStream({
    response: options.response,
    frames: encoded,
    endsWithException: stream.exception !== undefined,
    headers: { 'x-amzn-requestid': options.requestId },
    eventDelayMs: options.eventDelayMs,
    signal: options.signal,
  });
}
