import { describe, expect, it } from 'vitest';
import { decodeInvokeStream } from '../../src/bedrock/decode-invoke-stream.js';
import { ProxyError } from '../../src/errors.js';
import { eventFrame, exceptionFrame } from '../support/event-stream-frames.js';

const events = [
  { type: 'message_start', message: { id: 'msg_bdrk_1', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 3, output_tokens: 1 } } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hé 👋' } },
  { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 3, outputTokenCount: 2, invocationLatency: 10, firstByteLatency: 5 } },
];

function chunk(event: unknown, padding = 'abcdef'): Uint8Array {
  return eventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64'), p: padding });
}

async function* inPieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(chunks: AsyncIterable<Uint8Array>, seen: unknown[] = []): Promise<unknown[]> {
  for await (const batch of decodeInvokeStream(chunks)) seen.push(...batch);
  return seen;
}

async function failure(chunks: AsyncIterable<Uint8Array>, seen: unknown[] = []): Promise<ProxyError> {
  const error = await collect(chunks, seen).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

describe('decodeInvokeStream', () => {
  it.each([1, 7, 64, 100_000])('yields the decoded chunk bytes, in pieces of %i bytes', async (size) => {
    const bytes = Buffer.concat([...events.map((event) => chunk(event)), eventFrame('futureEvent', { x: 1 })]);
    expect(await collect(inPieces(bytes, size))).toEqual(events);
  });

  it('throws an exception frame after the events before it', async () => {
    const bytes = Buffer.concat([chunk(events[0]), exceptionFrame('throttlingException', { message: 'Too many tokens' })]);
    const seen: unknown[] = [];
    const error = await failure(inPieces(bytes, 50), seen);
    expect(seen).toEqual([events[0]]);
    expect([error.code, error.message]).toEqual(['BEDROCK_THROTTLED', 'Too many tokens']);
  });

  it.each<[string, Uint8Array, string, string]>([
    ['a chunk without bytes', eventFrame('chunk', { p: 'x' }), 'BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk event without base64 `bytes`'],
    ['bytes that are not JSON', eventFrame('chunk', { bytes: Buffer.from('not json').toString('base64') }), 'BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk whose bytes are not JSON'],
    ['bytes that are a JSON array', eventFrame('chunk', { bytes: Buffer.from('[1]').toString('base64') }), 'BEDROCK_BAD_RESPONSE', 'Bedrock sent a chunk whose bytes are not a JSON object'],
    ['a truncated frame', chunk(events[0]).subarray(0, 30), 'STREAM_INCOMPLETE', 'The Bedrock stream ended inside an event-stream frame (30 bytes of an incomplete frame)'],
  ])('%s', async (_name, bytes, code, message) => {
    const error = await failure(inPieces(bytes, 1000));
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('checks the CRC of every frame', async () => {
    const bytes = Buffer.from(chunk(events[1]));
    bytes[bytes.length - 8] = (bytes[bytes.length - 8] ?? 0) ^ 0xff;
    const error = await failure(inPieces(bytes, 1000));
    expect(error.code).toBe('BEDROCK_BAD_RESPONSE');
    expect(error.message).toContain('corrupt event-stream frame');
  });
});
