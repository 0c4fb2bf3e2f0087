import type { StreamScript } from '../answer/build-stream-events.js';
import { applyStreamFaults, type StreamFaults } from '../faults/stream-faults.js';
import type { NativeStreamEvent } from '../native/native-types.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import { encodeStreamEnding } from './encode-stream-ending.js';
import type { ResponseSink } from './response-sink.js';
import { sendEventStream, type StreamOutcome } from './send-event-stream.js';

export interface SendInvokeStreamOptions {
  response: ResponseSink;
  stream: StreamScript<NativeStreamEvent>;
  frames: StreamFrameEncoder;
  requestId: string;
  eventDelayMs: number;
  /** Scripted faults; absent: none. */
  faults?: StreamFaults;
  signal: AbortSignal;
}

/** InvokeModelWithResponseStream: each Anthropic event travels base64-encoded in a `chunk` frame's `bytes`. */
export async function sendInvokeStream(options: SendInvokeStreamOptions): Promise<StreamOutcome> {
  const { frames } = options;
  const faults = options.faults ?? {};
  const faulted = applyStreamFaults(options.stream, faults);
  const encode = (event: NativeStreamEvent) => frames.event({ chunk: { bytes: Buffer.from(JSON.stringify(event)).toString('base64') } });
  return sendEventStream({
    response: options.response,
    frames: faulted.events.map(encode),
    ending: encodeStreamEnding(faulted.ending, encode, frames),
    headers: { 'x-amzn-requestid': options.requestId, 'x-amzn-bedrock-content-type': 'application/json' },
    eventDelayMs: options.eventDelayMs,
    headersThenStallMs: faults.headersThenStallMs,
    signal: options.signal,
  });
}
