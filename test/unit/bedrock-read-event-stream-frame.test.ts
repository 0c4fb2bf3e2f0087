import { crc32 } from 'node:zlib';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import { readEventStreamFrame } from '../../src/bedrock/read-event-stream-frame.js';
import { errorFrame, eventFrame, exceptionFrame } from '../support/event-stream-frames.js';

/** The AWS SDK's own codec, as the reference the frames are built and read with. */
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** A header of every value type the format has, none of which the proxy reads. */
const otherHeaders: MessageHeaders = {
  'x-true': { type: 'boolean', value: true },
  'x-false': { type: 'boolean', value: false },
  'x-byte': { type: 'byte', value: -3 },
  'x-short': { type: 'short', value: 1234 },
  'x-integer': { type: 'integer', value: 123_456 },
  'x-binary': { type: 'binary', value: new Uint8Array([0, 255, 7]) },
  'x-timestamp': { type: 'timestamp', value: new Date('2026-01-02T03:04:05Z') },
  'x-uuid': { type: 'uuid', value: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
  ':event-type-not': { type: 'string', value: 'looks like a routing header, is not' },
};

/** A frame with a correct prelude and message CRC around the given header bytes and payload. */
function frameAround(headers: Uint8Array, payload: Uint8Array): Uint8Array {
  const total = 12 + headers.length + payload.length + 4;
  const frame = Buffer.alloc(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(headers.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  frame.set(headers, 12);
  frame.set(payload, 12 + headers.length);
  frame.writeUInt32BE(crc32(frame.subarray(0, total - 4)), total - 4);
  return frame;
}

describe('readEventStreamFrame', () => {
  it.each([
    ['an event', eventFrame('contentBlockDelta', { p: 'abc', delta: { text: 'Hé 👋' } }), { messageType: 'event', eventType: 'contentBlockDelta' }],
    ['an exception', exceptionFrame('throttlingException', { message: 'slow down' }), { messageType: 'exception', exceptionType: 'throttlingException' }],
    ['an error', errorFrame('InternalFailure', 'Something ünusual'), { messageType: 'error', errorCode: 'InternalFailure', errorMessage: 'Something ünusual' }],
  ])('reads the routing headers and the payload of %s as the AWS codec does', (_kind, bytes, routing) => {
    const frame = readEventStreamFrame(bytes);
    expect(frame).toEqual({ ...routing, payload: codec.decode(bytes).body });
  });

  it('skips headers of every other type, wherever they stand', () => {
    const payload = fromUtf8('{"bytes":"eyJ0eXBlIjoicGluZyJ9"}');
    const bytes = codec.encode({
      headers: { ...otherHeaders, ':message-type': { type: 'string', value: 'event' }, 'x-long-string': { type: 'string', value: 'x'.repeat(300) }, ':event-type': { type: 'string', value: 'chunk' } },
      body: payload,
    });
    expect(readEventStreamFrame(bytes)).toEqual({ messageType: 'event', eventType: 'chunk', payload });
  });

  it('reads a frame without headers or payload', () => {
    const frame = readEventStreamFrame(frameAround(new Uint8Array(0), new Uint8Array(0)));
    expect(Object.keys(frame)).toEqual(['payload']);
    expect(frame.payload).toHaveLength(0);
  });

  it('refuses the frame when any one byte of it is changed', () => {
    const bytes = eventFrame('contentBlockDelta', { delta: { text: 'abc' } });
    for (let index = 0; index < bytes.length; index += 1) {
      const changed = Buffer.from(bytes);
      changed[index] = (changed[index] ?? 0) ^ 0x01;
      expect(() => readEventStreamFrame(changed), `byte ${index}`).toThrow();
    }
  });

  it.each([
    ['a length that is not the frame’s', () => eventFrame('chunk', {}).subarray(0, 30), /says \d+ bytes but has 30/],
    ['fewer bytes than a prelude', () => new Uint8Array(10), /shorter than its prelude/],
    ['a header name past the headers', () => frameAround(new Uint8Array([20, 0x3a, 0x61]), new Uint8Array(0)), /runs past the headers/],
    ['a string value past the headers', () => frameAround(new Uint8Array([1, 0x61, 7, 0, 9, 0x62]), new Uint8Array(0)), /value runs past/],
    ['a fixed-size value past the headers', () => frameAround(new Uint8Array([1, 0x61, 4, 0, 0]), new Uint8Array(0)), /value runs past/],
    ['an unknown header type', () => frameAround(new Uint8Array([1, 0x61, 10]), new Uint8Array(0)), /unknown type 10/],
  ])('names what is wrong with %s', (_case, make, message) => {
    expect(() => readEventStreamFrame(make())).toThrow(message);
  });

  it('refuses a headers length that runs past the frame, even with matching CRCs', () => {
    const bytes = Buffer.from(frameAround(new Uint8Array(0), new Uint8Array(8)));
    bytes.writeUInt32BE(100, 4);
    bytes.writeUInt32BE(crc32(bytes.subarray(0, 8)), 8);
    bytes.writeUInt32BE(crc32(bytes.subarray(0, bytes.length - 4)), bytes.length - 4);
    expect(() => readEventStreamFrame(bytes)).toThrow(/headers length 100 runs past the frame/);
  });
});
