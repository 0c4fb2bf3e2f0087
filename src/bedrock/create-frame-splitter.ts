import { ProxyError } from '../errors.js';
import { minimumFrameLength, readUint32 } from './read-event-stream-frame.js';

/** The event-stream format allows 16 MiB of payload and 128 KiB of headers; larger means a corrupt prelude. */
const maximumFrameLength = 16 * 1024 * 1024 + 128 * 1024 + minimumFrameLength;

export interface FrameSplitter {
  /** Hands over the next chunk; call only after `next()` has returned undefined. */
  append(chunk: Uint8Array): void;
  /** The next complete frame, or undefined when more bytes are needed. */
  next(): Uint8Array | undefined;
  /** Bytes held back as the start of an incomplete frame. */
  pendingBytes(): number;
}

/**
 * Cuts a byte stream into event-stream frames by their length prelude. Frames that lie within one
 * chunk are returned as views of it without copying; only a frame that spans chunks is assembled,
 * into one buffer of its exact length.
 */
export function createFrameSplitter(): FrameSplitter {
  let chunk: Uint8Array = new Uint8Array(0);
  let offset = 0;
  /** A frame spanning chunks, allocated at its full length once the prelude was seen. */
  let partial: Uint8Array | undefined;
  let partialFilled = 0;
  /** Fewer than four bytes: the length prelude itself was split. */
  let carry: Uint8Array | undefined;

  const fillPartial = (frame: Uint8Array): Uint8Array | undefined => {
    const take = Math.min(frame.length - partialFilled, chunk.length - offset);
    frame.set(chunk.subarray(offset, offset + take), partialFilled);
    partialFilled += take;
    offset += take;
    if (partialFilled < frame.length) return undefined;
    partial = undefined;
    partialFilled = 0;
    return frame;
  };

  return {
    append(next) {
      if (carry === undefined) {
        chunk = next;
      } else {
        const joined = new Uint8Array(carry.length + next.length);
        joined.set(carry, 0);
        joined.set(next, carry.length);
        chunk = joined;
        carry = undefined;
      }
      offset = 0;
    },
    next() {
      if (partial !== undefined) return fillPartial(partial);
      const remaining = chunk.length - offset;
      if (remaining < 4) {
        if (remaining > 0) carry = chunk.slice(offset);
        offset = chunk.length;
        return undefined;
      }
      const frameLength = readUint32(chunk, offset);
      if (frameLength < minimumFrameLength || frameLength > maximumFrameLength) {
        throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock sent an event-stream frame with an impossible length (${frameLength} bytes)`);
      }
      if (remaining >= frameLength) {
        const frame = chunk.subarray(offset, offset + frameLength);
        offset += frameLength;
        return frame;
      }
      partial = new Uint8Array(frameLength);
      return fillPartial(partial);
    },
    pendingBytes() {
      return (carry?.length ?? 0) + partialFilled + (chunk.length - offset);
    },
  };
}
