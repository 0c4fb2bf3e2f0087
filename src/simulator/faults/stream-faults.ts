import type { StreamException, StreamScript } from '../answer/build-stream-events.js';
import type { MockScript } from '../script.js';

/** The stream faults a script can ask for (see `MockScript`). */
export type StreamFaults = Pick<MockScript, 'stallAfterEvents' | 'resetAfterEvents' | 'corruptFrameAfterEvents' | 'headersThenStallMs'>;

/** How a stream ends once its data events are sent. */
export type StreamEnding<Event> =
  | { kind: 'complete' }
  | { kind: 'exception'; exception: StreamException }
  /** One more frame, sent with a wrong message CRC, then the end of the response. */
  | { kind: 'corrupt'; event: Event }
  /** Nothing more, and no end: the response stays open until the client or the simulator closes it. */
  | { kind: 'stall' }
  /** The connection is destroyed abruptly. */
  | { kind: 'reset' };

export interface FaultedStream<Event> {
  /** The data events sent normally, in order. */
  events: Event[];
  ending: StreamEnding<Event>;
}

export function streamFaultsOf(script: MockScript): StreamFaults {
  const { stallAfterEvents, resetAfterEvents, corruptFrameAfterEvents, headersThenStallMs } = script;
  return { stallAfterEvents, resetAfterEvents, corruptFrameAfterEvents, headersThenStallMs };
}

/**
 * Cuts a planned stream where its fault says. A script carries at most one ending fault (the script
 * schema refuses more); an in-stream exception, already cut by the planner, comes first regardless.
 * The corrupt frame is the event that would have come next, or a copy of the last one when none would.
 */
export function applyStreamFaults<Event>(stream: StreamScript<Event>, faults: StreamFaults): FaultedStream<Event> {
  const { events } = stream;
  if (stream.exception !== undefined) return { events, ending: { kind: 'exception', exception: stream.exception } };
  if (faults.stallAfterEvents !== undefined) return { events: events.slice(0, faults.stallAfterEvents), ending: { kind: 'stall' } };
  if (faults.resetAfterEvents !== undefined) return { events: events.slice(0, faults.resetAfterEvents), ending: { kind: 'reset' } };
  if (faults.corruptFrameAfterEvents !== undefined) {
    const sent = events.slice(0, faults.corruptFrameAfterEvents);
    const corrupted = events[sent.length] ?? events[events.length - 1];
    if (corrupted !== undefined) return { events: sent, ending: { kind: 'corrupt', event: corrupted } };
  }
  return { events, ending: { kind: 'complete' } };
}
