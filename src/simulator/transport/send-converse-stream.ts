import type { StreamScript } from '../answer/build-stream-events.js';
import { applyStreamFaults, type StreamFaults } from '../faults/stream-faults.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import { encodeStreamEnding } from './encode-stream-ending.js';
import type { ResponseSink } from './response-sink.js';
import { sendEventStream, type StreamOutcome } from './send-event-stream.js';

export interface SendConverseStreamOptions {
  response: ResponseSink;
  stream: StreamScript;
  frames: StreamFrameEncoder;
  requestId: string;
  eventDelayMs: number;
  /** Scripted faults; absent: none. */
  faults?: StreamFaults;
  /** Aborted when the client goes away or the simulator closes: sending stops at once. */
  signal: AbortSignal;
}

/** Writes the ConverseStream event stream; resolves `error` when it ended with an exception, a bad frame or a reset. */
export async function sendConverseStream(options: SendConverseStreamOptions): Promise<StreamOutcome> {
  const { frames } = options;
  const faults = options.faults ?? {};
  const faulted = applyStreamFaults(options.stream, faults);
  const encode = (event: (typeof faulted.events)[number]) => frames.event(event);
  return sendEventStream({
    response: options.response,
    frames: faulted.events.map(encode),
    ending: encodeStreamEnding(faulted.ending, encode, frames),
    headers: { 'x-amzn-requestid': options.requestId },
    eventDelayMs: options.eventDelayMs,
    headersThenStallMs: faults.headersThenStallMs,
    signal: options.signal,
  });
}
