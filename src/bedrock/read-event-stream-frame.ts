import { crc32 } from 'node:zlib';

/** What the proxy reads from one event-stream frame: the headers that route it, and its payload. */
export interface EventStreamFrame {
  messageType?: string;
  eventType?: string;
  exceptionType?: string;
  errorCode?: string;
  errorMessage?: string;
  /** A view of the frame's payload bytes (no copy). */
  payload: Uint8Array;
}

/** Total length, headers length, prelude CRC. */
const preludeLength = 12;
const messageCrcLength = 4;
/** A frame without headers or payload: its prelude and its message CRC. */
export const minimumFrameLength = preludeLength + messageCrcLength;

/** Header value types of the event-stream format, by tag, with the length of their fixed-size values. */
const fixedValueLength: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };
const byteArrayTag = 6;
const stringTag = 7;

/** The string headers the proxy reads, by name length, then name. */
const readHeaders = new Map<number, Array<{ name: Uint8Array; field: Exclude<keyof EventStreamFrame, 'payload'> }>>();
for (const [name, field] of [
  [':message-type', 'messageType'],
  [':event-type', 'eventType'],
  [':exception-type', 'exceptionType'],
  [':error-code', 'errorCode'],
  [':error-message', 'errorMessage'],
] as const) {
  const bytes = new TextEncoder().encode(name);
  readHeaders.set(bytes.length, [...(readHeaders.get(bytes.length) ?? []), { name: bytes, field }]);
}

/** UTF-8 text of header values and payloads; the BOM is kept, as Buffer does. */
export const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reads one whole `application/vnd.amazon.eventstream` frame (as cut by the frame splitter): checks
 * its length, both CRC32s and the header layout, and returns the routing headers and a view of the
 * payload. Other headers are skipped by their type's length. Throws an Error naming what is wrong.
 * Written for the streaming hot path: no DataView, and header names compared as bytes, not decoded.
 */
export function readEventStreamFrame(frame: Uint8Array): EventStreamFrame {
  if (frame.length < minimumFrameLength) throw new Error(`a frame of ${frame.length} bytes is shorter than its prelude`);
  const totalLength = readUint32(frame, 0);
  const headersLength = readUint32(frame, 4);
  if (totalLength !== frame.length) throw new Error(`the frame says ${totalLength} bytes but has ${frame.length}`);
  if (crc32(view(frame, 0, 8)) !== readUint32(frame, 8)) throw new Error('the prelude CRC does not match');
  const messageCrcAt = frame.length - messageCrcLength;
  if (crc32(view(frame, 0, messageCrcAt)) !== readUint32(frame, messageCrcAt)) throw new Error('the message CRC does not match');
  const headersEnd = preludeLength + headersLength;
  if (headersEnd > messageCrcAt) throw new Error(`the headers length ${headersLength} runs past the frame`);

  const result: EventStreamFrame = { payload: view(frame, headersEnd, messageCrcAt) };
  let at = preludeLength;
  while (at < headersEnd) {
    const nameLength = frame[at]!;
    const nameAt = at + 1;
    const tagAt = nameAt + nameLength;
    if (tagAt >= headersEnd) throw new Error('a header runs past the headers');
    const tag = frame[tagAt]!;
    at = tagAt + 1;
    if (tag === stringTag || tag === byteArrayTag) {
      if (at + 2 > headersEnd) throw new Error('a header runs past the headers');
      const valueLength = (frame[at]! << 8) | frame[at + 1]!;
      const valueAt = at + 2;
      at = valueAt + valueLength;
      if (at > headersEnd) throw new Error('a header value runs past the headers');
      if (tag === stringTag) {
        const field = routingField(frame, nameAt, nameLength);
        if (field !== undefined) result[field] = utf8Decoder.decode(view(frame, valueAt, at));
      }
    } else {
      const length = fixedValueLength[tag];
      if (length === undefined) throw new Error(`a header has the unknown type ${tag}`);
      at += length;
      if (at > headersEnd) throw new Error('a header value runs past the headers');
    }
  }
  return result;
}

function routingField(frame: Uint8Array, nameAt: number, nameLength: number): Exclude<keyof EventStreamFrame, 'payload'> | undefined {
  const candidates = readHeaders.get(nameLength);
  if (candidates === undefined) return undefined;
  for (const { name, field } of candidates) {
    let index = 0;
    while (index < nameLength && frame[nameAt + index] === name[index]) index += 1;
    if (index === nameLength) return field;
  }
  return undefined;
}

/** A plain Uint8Array over part of `bytes`: cheaper to make than a Buffer's own `subarray` (a Buffer). */
function view(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

/** A big-endian unsigned 32-bit number. */
export function readUint32(bytes: Uint8Array, at: number): number {
  // Four indexed reads avoid allocating a DataView per frame.
  return bytes[at]! * 0x1000000 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}
