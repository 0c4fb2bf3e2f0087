import type { StreamEnding } from '../faults/stream-faults.js';
import { corruptFrameCrc } from './corrupt-frame-crc.js';
import type { StreamFrameEncoder } from './encode-stream-frame.js';
import type { FrameEnding } from './send-event-stream.js';

export function encodeStreamEnding<Event>(
  ending: StreamEnding<Event>,
  encodeEvent: (event: Event) => Uint8Array,
  frames: StreamFrameEncoder,
): FrameEnding {
  switch (ending.kind) {
    case 'complete':
      return { kind: 'end' };
    case 'exception':
      return { kind: 'failingFrame', frame: frames.exception(ending.exception) };
    case 'corrupt':
      return { kind: 'failingFrame', frame: corruptFrameCrc(encodeEvent(ending.event)) };
    case 'stall':
      return { kind: 'stall' };
    case 'reset':
      return { kind: 'reset' };
    default: {
      const unexpected: never = ending;
      throw new Error(`unknown stream ending ${JSON.stringify(unexpected)}`);
    }
  }
}
