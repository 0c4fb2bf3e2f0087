import { describe, expect, it } from 'vitest';
import { readErrorResponse, unroutedOperationError } from '../../src/bedrock/read-error-response.js';
import { throttledRetryAfterSeconds } from '../../src/bedrock/map-bedrock-error.js';

async function* bodyOf(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

describe('readErrorResponse', () => {
  it.each([
    [{ 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/' }, '{"message":"Rate exceeded"}', 'BEDROCK_THROTTLED', 'Rate exceeded'],
    [{}, '{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"No access"}', 'BEDROCK_ACCESS_DENIED', 'No access'],
    [{ 'x-amzn-errortype': 'ResourceNotFoundException' }, '', 'BEDROCK_NOT_FOUND', 'HTTP 404 without a message'],
    [{}, '<html>Bad Gateway</html>', 'BEDROCK_NOT_FOUND', 'Bedrock answered HTTP 404: <html>Bad Gateway</html>'],
  ])('headers %j and body %s → %s', async (headers, text, code, message) => {
    const error = await readErrorResponse({ statusCode: 404, headers, body: bodyOf(text) });
    expect({ code: error.code, message: error.message }).toEqual({ code, message });
  });

  it('reads the retry-after seconds', async () => {
    const error = await readErrorResponse({
      statusCode: 429,
      headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '12' },
      body: bodyOf('{"message":"slow"}'),
    });
    expect(error.retryAfterSeconds).toBe(12);
  });

  it('ignores a retry-after that is not a number of seconds, so the default wait applies', async () => {
    const error = await readErrorResponse({
      statusCode: 429,
      headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' },
      body: bodyOf('{"message":"slow"}'),
    });
    expect(error.retryAfterSeconds).toBe(throttledRetryAfterSeconds);
  });

  it('stops reading an oversized body at 1 MB', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < 5_000; index += 1) {
        produced += 1;
        yield Buffer.alloc(1024, 0x61);
      }
    }
    const error = await readErrorResponse({ statusCode: 500, headers: {}, body: endless() });
    expect(produced).toBe(1024);
    expect(error.code).toBe('BEDROCK_INTERNAL');
    expect(error.message).toBe(`Bedrock answered HTTP 500: ${'a'.repeat(2_000)}`);
  });
});

describe('unroutedOperationError', () => {
  it('recognises the UnknownOperationException body', () => {
    const error = unroutedOperationError({ Output: { __type: 'com.amazon.coral.service#UnknownOperationException' }, Version: '1.0' });
    expect(error?.code).toBe('BEDROCK_BAD_RESPONSE');
    expect(error?.message).toContain('com.amazon.coral.service#UnknownOperationException');
  });

  it.each([[{ output: { message: {} } }], [null], ['text'], [{ Output: 'x' }]])('leaves %j alone', (value) => {
    expect(unroutedOperationError(value)).toBeUndefined();
  });
});
