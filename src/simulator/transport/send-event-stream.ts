import { once } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { resetConnection } from './reset-connection.js';
import type { ResponseSink } from './response-sink.js';

/** What follows the data frames. */
export type FrameEnding =
  | { kind: 'end' }
  /** One last frame (an exception, or a frame with a broken CRC), then the end: the outcome is `error`. */
  | { kind: 'failingFrame'; frame: Uint8Array }
  /** No end: wait until the client leaves or the simulator closes (the outcome is `aborted`). */
  | { kind: 'stall' }
  /** The connection is reset once the data frames are out: the outcome is `error`. */
  | { kind: 'reset' };

export interface SendEventStreamOptions {
  response: ResponseSink;
  /** Encoded data frames, in order. */
  frames: readonly Uint8Array[];
  ending: FrameEnding;
  /** Sent with the 200 besides `content-type`. */
  headers: OutgoingHttpHeaders;
  eventDelayMs: number;
  /** When above 0, the headers go out at once and the first frame this much later. */
  headersThenStallMs?: number;
  /** Aborted when the client goes away or the simulator closes: sending stops at once. */
  signal: AbortSignal;
}

export type StreamOutcome = 'completed' | 'error' | 'aborted';

/** Writes a binary event stream (HTTP 200), pacing frames by `eventDelayMs`, and ends it as scripted. */
export async function sendEventStream(options: SendEventStreamOptions): Promise<StreamOutcome> {
  const { response, ending, signal } = options;
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', ...options.headers });
  const frames = ending.kind === 'failingFrame' ? [...options.frames, ending.frame] : options.frames;
  const headersThenStallMs = options.headersThenStallMs ?? 0;
  try {
    if (headersThenStallMs > 0 || ending.kind === 'stall' || ending.kind === 'reset') {
      // A faulted stream has started: the client must see the status even if no frame follows.
      response.flushHeaders?.();
      if (headersThenStallMs > 0) await delay(headersThenStallMs, undefined, { signal });
      await writePaced(response, frames, options.eventDelayMs, signal);
    } else if (options.eventDelayMs === 0) {
      // Nothing to pace: one write keeps the hot path cheap.
      response.write(Buffer.concat(frames));
    } else {
      await writePaced(response, frames, options.eventDelayMs, signal);
    }
    return await finish(response, ending, signal);
  } catch (error) {
    if (signal.aborted) return 'aborted';
    throw error;
  }
}

async function finish(response: ResponseSink, ending: FrameEnding, signal: AbortSignal): Promise<StreamOutcome> {
  switch (ending.kind) {
    case 'end':
    case 'failingFrame':
      if (signal.aborted) return 'aborted';
      response.end();
      return ending.kind === 'end' ? 'completed' : 'error';
    case 'stall':
      if (!signal.aborted) await once(signal, 'abort');
      return 'aborted';
    case 'reset':
      if (signal.aborted) return 'aborted';
      // Lets the frames already handed over leave before the reset (HTTP/2 queues them in its session).
      await nextTurn();
      resetConnection(response);
      return 'error';
    default: {
      const unexpected: never = ending;
      throw new Error(`unknown stream ending ${JSON.stringify(unexpected)}`);
    }
  }
}

/** One frame at a time, each handed to the connection before the next (backpressure included). */
async function writePaced(response: ResponseSink, frames: readonly Uint8Array[], eventDelayMs: number, signal: AbortSignal): Promise<void> {
  for (let index = 0; index < frames.length; index += 1) {
    if (index > 0 && eventDelayMs > 0) await delay(eventDelayMs, undefined, { signal });
    const frame = frames[index];
    if (frame !== undefined) await writeFrame(response, frame, signal);
  }
}

function writeFrame(response: ResponseSink, frame: Uint8Array, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    response.write(frame, (error) => {
      signal.removeEventListener('abort', onAbort);
      if (error === undefined || error === null) resolve();
      else reject(error);
    });
  });
}
