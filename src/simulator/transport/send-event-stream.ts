import { once } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { ResponseSink } from './response-sink.js';

export interface SendEventStreamOptions {
  response: ResponseSink;
  /** Encoded frames, in order. */
  frames: readonly Uint8Array[];
  /** Whether the last frame is an exception: the outcome is then `error`. */
  endsWithException: boolean;
  /** Sent with the 200 besides `content-type`. */
  headers: OutgoingHttpHeaders;
  eventDelayMs: number;
  /** Aborted when the client goes away or the simulator closes: sending stops at once. */
  signal: AbortSignal;
}

/** Writes a binary event stream (HTTP 200), pacing frames by `eventDelayMs`. */
export async function sendEventStream(options: SendEventStreamOptions): Promise<'completed' | 'error' | 'aborted'> {
  const { response, frames, signal } = options;
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', ...options.headers });
  try {
    if (options.eventDelayMs === 0) {
      // Nothing to pace: one write keeps the hot path cheap.
      response.write(Buffer.concat(frames));
    } else {
      for (let index = 0; index < frames.length; index += 1) {
        if (index > 0) await delay(options.eventDelayMs, undefined, { signal });
        const frame = frames[index];
        if (frame !== undefined && !response.write(frame)) await once(response as unknown as NodeJS.EventEmitter, 'drain', { signal });
      }
    }
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
  if (signal.aborted) return 'aborted';
  response.end();
  return options.endsWithException ? 'error' : 'completed';
}
