import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import type { StreamScript } from '../../src/simulator/answer/build-stream-events.js';
import { mockScriptSchema } from '../../src/simulator/answer/mock-script-schema.js';
import { resolveScript } from '../../src/simulator/answer/resolve-script.js';
import { createFailureCounter } from '../../src/simulator/faults/failure-counter.js';
import { applyStreamFaults, streamFaultsOf, type StreamFaults } from '../../src/simulator/faults/stream-faults.js';
import { corruptFrameCrc } from '../../src/simulator/transport/corrupt-frame-crc.js';
import { createStreamFrameEncoder } from '../../src/simulator/transport/encode-stream-frame.js';
import { encodeStreamEnding } from '../../src/simulator/transport/encode-stream-ending.js';

const stream: StreamScript<string> = { events: ['start', 'one', 'two', 'three', 'stop'], exception: undefined };
const exception = { name: 'throttlingException' as const, payload: { message: 'slow down' } };

describe('applyStreamFaults', () => {
  it.each<[string, StreamFaults, ReturnType<typeof applyStreamFaults<string>>]>([
    ['no fault', {}, { events: stream.events, ending: { kind: 'complete' } }],
    ['headersThenStallMs alone', { headersThenStallMs: 50 }, { events: stream.events, ending: { kind: 'complete' } }],
    ['a stall after 2 events', { stallAfterEvents: 2 }, { events: ['start', 'one'], ending: { kind: 'stall' } }],
    ['a stall before any event', { stallAfterEvents: 0 }, { events: [], ending: { kind: 'stall' } }],
    ['a stall after more events than there are', { stallAfterEvents: 9 }, { events: stream.events, ending: { kind: 'stall' } }],
    ['a reset after 3 events', { resetAfterEvents: 3 }, { events: ['start', 'one', 'two'], ending: { kind: 'reset' } }],
    ['a reset before any event', { resetAfterEvents: 0 }, { events: [], ending: { kind: 'reset' } }],
    ['a corrupt frame after 1 event: the next event', { corruptFrameAfterEvents: 1 }, { events: ['start'], ending: { kind: 'corrupt', event: 'one' } }],
    ['a corrupt frame past the end: the last event again', { corruptFrameAfterEvents: 7 }, { events: stream.events, ending: { kind: 'corrupt', event: 'stop' } }],
  ])('%s', (_name, faults, expected) => {
    expect(applyStreamFaults(stream, faults)).toEqual(expected);
  });

  it('keeps an in-stream exception, already cut by the planner', () => {
    const withException: StreamScript<string> = { events: ['start', 'one'], exception };
    expect(applyStreamFaults(withException, { stallAfterEvents: 1 })).toEqual({ events: ['start', 'one'], ending: { kind: 'exception', exception } });
  });

  it('reads the faults off a script, nothing else', () => {
    expect(streamFaultsOf({ latencyMs: 5, resetAfterEvents: 2, headersThenStallMs: 7 })).toEqual({
      stallAfterEvents: undefined,
      resetAfterEvents: 2,
      corruptFrameAfterEvents: undefined,
      headersThenStallMs: 7,
    });
  });
});

describe('encodeStreamEnding', () => {
  const frames = createStreamFrameEncoder(() => 0);
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const encode = (text: string) => frames.event({ contentBlockDelta: { contentBlockIndex: 0, delta: { text } } });

  it('sends a corrupt frame whose message CRC the AWS codec refuses', () => {
    const ending = encodeStreamEnding({ kind: 'corrupt', event: 'next' }, encode, frames);
    expect(ending.kind).toBe('failingFrame');
    const frame = ending.kind === 'failingFrame' ? ending.frame : new Uint8Array(0);
    expect(frame.length).toBe(encode('next').length);
    expect(() => codec.decode(frame)).toThrow(/checksum/i);
    expect(toUtf8(codec.decode(encode('next')).body)).toBe('{"contentBlockIndex":0,"delta":{"text":"next"},"p":"a"}');
  });

  it.each([
    [{ kind: 'complete' as const }, { kind: 'end' }],
    [{ kind: 'stall' as const }, { kind: 'stall' }],
    [{ kind: 'reset' as const }, { kind: 'reset' }],
  ])('maps %o to %o', (ending, expected) => {
    expect(encodeStreamEnding(ending, encode, frames)).toEqual(expected);
  });

  it('sends an exception as an exception frame', () => {
    const ending = encodeStreamEnding({ kind: 'exception', exception }, encode, frames);
    const frame = ending.kind === 'failingFrame' ? ending.frame : new Uint8Array(0);
    const decoded = codec.decode(frame);
    expect(decoded.headers[':exception-type']?.value).toBe('throttlingException');
    expect(toUtf8(decoded.body)).toBe('{"message":"slow down"}');
  });
});

describe('corruptFrameCrc', () => {
  it('changes only the last four bytes, in a copy', () => {
    const frame = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...corruptFrameCrc(frame)]).toEqual([1, 2, 3, 4, 250, 249, 248, 247]);
    expect([...frame]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('createFailureCounter', () => {
  it('fails the first `times` requests of an id, then lets them through', () => {
    const counter = createFailureCounter(10);
    const rule = { times: 2, id: 'retry-me' };
    expect([1, 2, 3, 4].map(() => counter.shouldFail(rule))).toEqual([true, true, false, false]);
    expect(counter.shouldFail({ times: 2, id: 'another' })).toBe(true);
  });

  it('forgets the least recently counted ids beyond its limit', () => {
    const counter = createFailureCounter(2);
    const once = (id: string) => counter.shouldFail({ times: 1, id });
    expect([once('a'), once('b'), once('a'), once('c')]).toEqual([true, true, false, true]);
    // 'b' was the least recently counted when 'c' arrived, so it starts over; 'a' is still known.
    expect([once('b'), once('a')]).toEqual([true, true]);
  });
});

describe('fault scripts', () => {
  it.each([
    ['failFirst with an error', { error: { name: 'ThrottlingException' }, failFirst: { times: 2, id: 'x' } }],
    ['a stall', { stallAfterEvents: 3, eventDelayMs: 5 }],
    ['a reset', { resetAfterEvents: 0 }],
    ['a corrupt frame with a headers stall', { corruptFrameAfterEvents: 2, headersThenStallMs: 100 }],
  ])('accepts %s', (_name, script) => {
    expect(mockScriptSchema.safeParse(script)).toEqual({ success: true, data: script });
  });

  it.each([
    ['failFirst without an error', { failFirst: { times: 1, id: 'x' } }, 'failFirst: failFirst needs an error to answer'],
    ['failFirst zero times', { error: { name: 'ThrottlingException' }, failFirst: { times: 0, id: 'x' } }, 'failFirst.times: Too small'],
    ['a negative event count', { stallAfterEvents: -1 }, 'stallAfterEvents: Too small'],
    [
      'two endings',
      { resetAfterEvents: 1, stallAfterEvents: 2 },
      'resetAfterEvents: a stream ends one way only; choose one of stallAfterEvents, resetAfterEvents',
    ],
    [
      'a stream exception and a corrupt frame',
      { streamException: { name: 'internalServerException' }, corruptFrameAfterEvents: 2 },
      'corruptFrameAfterEvents: a stream ends one way only; choose one of streamException, corruptFrameAfterEvents',
    ],
  ])('refuses %s, naming the problem', (_name, script, expected) => {
    const body = { messages: [{ role: 'user' as const, content: [{ text: `MOCK_BEDROCK: ${JSON.stringify(script)}` }] }] };
    const result = resolveScript({ body, operation: 'ConverseStream', defaultScript: undefined });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    expect(message.slice(0, 'MOCK_BEDROCK: the script is invalid: '.length + expected.length)).toBe(`MOCK_BEDROCK: the script is invalid: ${expected}`);
  });
});
