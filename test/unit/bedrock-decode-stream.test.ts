import { describe, expect, it } from 'vitest';
import { decodeConverseStream } from '../../src/bedrock/decode-converse-stream.js';
import type { ConverseStreamEvent } from '../../src/bedrock/types.js';
import { ProxyError } from '../../src/errors.js';
import { errorFrame, eventFrame, exceptionFrame } from '../support/event-stream-frames.js';
import { readSharedFixture, readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

function concat(frames: Uint8Array[]): Uint8Array {
  return Buffer.concat(frames);
}

async function* chunksOf(bytes: Uint8Array, sizes: (index: number) => number): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let index = 0; offset < bytes.length && index <= bytes.length; index += 1) {
    const size = Math.max(1, sizes(index));
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<ConverseStreamEvent[]> {
  const events: ConverseStreamEvent[] = [];
  for await (const batch of decodeConverseStream(chunks)) events.push(...batch);
  return events;
}

async function failure(chunks: AsyncIterable<Uint8Array>): Promise<ProxyError> {
  const error = await collect(chunks).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

/** Deterministic chunk sizes 1..max (a linear congruential generator). */
function seededSizes(seed: number, max: number): (index: number) => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return 1 + (state % max);
  };
}

const smallStream = [
  eventFrame('messageStart', { p: 'abcdefgh', role: 'assistant' }),
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hé 👋' }, p: 'abc' }),
  eventFrame('contentBlockStop', { contentBlockIndex: 0, p: 'abcdefghijklmnop' }),
  eventFrame('messageStop', { p: 'a', stopReason: 'end_turn' }),
  eventFrame('metadata', { metrics: { latencyMs: 9 }, p: 'abcd', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } }),
];
const smallStreamEvents: ConverseStreamEvent[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hé 👋' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { metrics: { latencyMs: 9 }, usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } } },
];

describe('decodeConverseStream', () => {
  it('decodes whole frames and removes the p padding', async () => {
    expect(await collect(chunksOf(concat(smallStream), () => Number.MAX_SAFE_INTEGER))).toEqual(smallStreamEvents);
  });

  it('decodes the same events when the body is split at every byte boundary', async () => {
    const bytes = concat(smallStream);
    for (let first = 1; first < bytes.length; first += 1) {
      const events = await collect(chunksOf(bytes, (index) => (index === 0 ? first : bytes.length)));
      expect(events, `split after byte ${first}`).toEqual(smallStreamEvents);
    }
  });

  it('decodes the same events when the body arrives one byte at a time', async () => {
    expect(await collect(chunksOf(concat(smallStream), () => 1))).toEqual(smallStreamEvents);
  });

  it.each([1, 7, 42])('decodes 500 deltas delivered in random-size chunks (seed %i)', async (seed) => {
    const deltas = Array.from({ length: 500 }, (_, index) =>
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: `word ${index} ` }, p: 'x'.repeat(index % 37) }),
    );
    const events = await collect(chunksOf(concat(deltas), seededSizes(seed, 700)));
    expect(events).toHaveLength(500);
    expect(events[0]).toEqual({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'word 0 ' } } });
    expect(events[499]).toEqual({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'word 499 ' } } });
  });

  it('yields the events of one read together, and the events a frame completes on its own', async () => {
    const [first, second, third] = smallStream as [Uint8Array, Uint8Array, Uint8Array];
    // Read 1: two whole frames and the start of a third; read 2: the rest of the third.
    const firstRead = first.length + second.length + 5;
    const reads = chunksOf(concat([first, second, third]), (index) => (index === 0 ? firstRead : third.length));
    const batches: ConverseStreamEvent[][] = [];
    for await (const batch of decodeConverseStream(reads)) batches.push(batch);
    expect(batches).toEqual([smallStreamEvents.slice(0, 2), smallStreamEvents.slice(2, 3)]);
  });

  it('yields the events before an exception frame of the same read, then throws', async () => {
    const bytes = concat([smallStream[0] as Uint8Array, smallStream[1] as Uint8Array, exceptionFrame('throttlingException', { message: 'slow down' })]);
    const batches: ConverseStreamEvent[][] = [];
    const error = await (async () => {
      for await (const batch of decodeConverseStream(chunksOf(bytes, () => bytes.length))) batches.push(batch);
    })().catch((thrown: unknown) => thrown);
    expect(batches).toEqual([smallStreamEvents.slice(0, 2)]);
    expect(error).toMatchObject({ code: 'BEDROCK_THROTTLED', message: 'slow down' });
  });

  it('skips event types it does not know', async () => {
    const bytes = concat([eventFrame('somethingNew', { p: 'a', value: 1 }), smallStream[3] as Uint8Array]);
    expect(await collect(chunksOf(bytes, () => 10))).toEqual([{ messageStop: { stopReason: 'end_turn' } }]);
  });

  it.each([
    ['modelStreamErrorException', { message: 'Model Stream Error', originalStatusCode: 529 }, 'BEDROCK_STREAM_OVERLOADED', 529],
    ['modelStreamErrorException', { message: 'Model Stream Error', originalStatusCode: 500 }, 'BEDROCK_STREAM_ERROR', 500],
    ['throttlingException', { message: 'Too many tokens' }, 'BEDROCK_THROTTLED', 429],
    ['internalServerException', { message: 'boom' }, 'BEDROCK_INTERNAL', 500],
  ] as const)('throws the mapped error for an exception frame %s', async (type, payload, code, status) => {
    const bytes = concat([smallStream[0] as Uint8Array, exceptionFrame(type, payload)]);
    const events: ConverseStreamEvent[] = [];
    const error = await (async () => {
      for await (const batch of decodeConverseStream(chunksOf(bytes, () => 13))) events.push(...batch);
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(events).toEqual([{ messageStart: { role: 'assistant' } }]);
    expect(error).toMatchObject({ code, status, message: payload.message });
  });

  it('throws a mapped error for an error frame', async () => {
    const error = await failure(chunksOf(errorFrame('ThrottlingException', 'Rate exceeded'), () => 100));
    expect(error).toMatchObject({ code: 'BEDROCK_THROTTLED', message: 'Rate exceeded' });
  });

  it.each([
    ['the prelude CRC', 9],
    ['the message CRC', -1],
    ['the payload', -8],
  ])('turns a frame with a corrupted byte in %s into BEDROCK_BAD_RESPONSE', async (_where, position) => {
    const frame = Buffer.from(smallStream[1] as Uint8Array);
    const index = position < 0 ? frame.length + position : position;
    frame[index] = (frame[index] ?? 0) ^ 0xff;
    const error = await failure(chunksOf(concat([smallStream[0] as Uint8Array, frame]), () => 5));
    expect(error.code).toBe('BEDROCK_BAD_RESPONSE');
    expect(error.message).toMatch(/corrupt event-stream frame/);
  });

  it('rejects an impossible frame length without waiting for more bytes', async () => {
    const error = await failure(chunksOf(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]), () => 8));
    expect(error.code).toBe('BEDROCK_BAD_RESPONSE');
  });

  it.each([1, 3, 4, 20])('throws STREAM_INCOMPLETE when the body ends %i bytes into a frame', async (cut) => {
    const bytes = concat([smallStream[0] as Uint8Array, (smallStream[1] as Uint8Array).subarray(0, cut)]);
    const error = await failure(chunksOf(bytes, () => 6));
    expect(error.code).toBe('STREAM_INCOMPLETE');
    expect(error.message).toContain(`${cut} bytes`);
  });

  it('passes a read failure of the body through mapReadError', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield smallStream[0] as Uint8Array;
      throw new Error('socket hang up');
    }
    const events: ConverseStreamEvent[] = [];
    const mapped = new ProxyError('STREAM_INCOMPLETE', 'mapped');
    const error = await (async () => {
      for await (const batch of decodeConverseStream(broken(), { mapReadError: () => mapped })) events.push(...batch);
    })().catch((thrown: unknown) => thrown);
    expect(events).toHaveLength(1);
    expect(error).toBe(mapped);
  });

  it('closes the byte source when the consumer stops early', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (const frame of smallStream) yield frame;
      } finally {
        closed = true;
      }
    }
    for await (const batch of decodeConverseStream(source())) {
      expect(batch).toEqual([smallStreamEvents[0]]);
      break;
    }
    expect(closed).toBe(true);
  });
});

describe.skipIf(!sharedAvailable)('decodeConverseStream on recorded Bedrock bytes', () => {
  it('decodes the live ConverseStream capture split at every byte boundary', async () => {
    const recording = readSharedJson<{ response: { bodyBase64: string } }>(
      'bedrock-recorded/issue-18994-live-converse-stream.json',
    );
    const bytes = Buffer.from(recording.response.bodyBase64, 'base64');
    const whole = await collect(chunksOf(bytes, () => bytes.length));
    expect(whole.map((event) => Object.keys(event)[0])).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
      'metadata',
    ]);
    const text = whole.flatMap((event) => ('contentBlockDelta' in event ? [event.contentBlockDelta.delta?.text] : []));
    expect(text.join('')).toBe('OK.');
    expect(whole.some((event) => 'p' in (Object.values(event)[0] as object))).toBe(false);
    expect(whole[4]).toEqual({
      messageStop: { additionalModelResponseFields: { delta: { stop_sequence: null } }, stopReason: 'end_turn' },
    });
    for (let first = 1; first < bytes.length; first += 1) {
      expect(await collect(chunksOf(bytes, (index) => (index === 0 ? first : 97)))).toEqual(whole);
    }
  });

  it('throws the mapped error for the constructed modelStreamErrorException frame', async () => {
    const bytes = Buffer.from(readSharedFixture('bedrock-recorded/model-stream-error-exception.eventstream.base64.txt').trim(), 'base64');
    const error = await failure(chunksOf(bytes, () => 11));
    expect(error).toMatchObject({
      code: 'BEDROCK_STREAM_ERROR',
      status: 500,
      type: 'api_error',
      message: 'Model Stream Error: The model stream failed.',
    });
  });
});
