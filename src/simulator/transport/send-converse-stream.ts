import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { StreamScript } from '../answer/build-stream-events.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import type { ResponseSink } from './response-sink.js';

export interface SendConverseStreamOptions {
  response: ResponseSink;
  stream: StreamScript;
  frames: StreamFrameEncoder;
  requestId: string;
  eventDelayMs: number;
  /** Aborted when the client goes away or the simulator closes: sending stops at once. */
  signal: AbortSignal;
}

/** Writes the event stream; resolves `error` when it ended with an exception frame. */
export async function sendConverseStream(options: SendConverseStreamOptions): Promise<'completed' | 'error' | 'aborted'> {
  const { response, stream, frames, signal } = options;
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': options.requestId });
  const encoded = stream.events.map((event) => frames.event(event));
  if (stream.exception !== undefined) encoded.push(frames.exception(stream.exception));
  try {
    if (options.eventDelayMs === 0) {
      // Nothing to pace: one write keeps the hot path cheap.
      response.write(Buffer.concat(encoded));
    } else {
      for (let index = 0; index < encoded.length; index += 1) {
        if (index > 0) await delay(options.eventDelayMs, undefined, { signal });
        const frame = encoded[index];
        if (frame !== undefined && !response.write(frame)) await once(response as unknown as NodeJS.EventEmitter, 'drain', { signal });
      }
    }
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
  if (signal.aborted) return 'aborted';
  response.end();
  return stream.exception === undefined ? 'completed' : 'error';
}
