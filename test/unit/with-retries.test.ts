import { describe, expect, it } from 'vitest';
import { ProxyError, type ErrorCode } from '../../src/errors.js';
import { withRetries, type RetryPolicy } from '../../src/server/with-retries.js';

function policy(maxRetries: number, slept: number[]): RetryPolicy {
  return { maxRetries, baseDelayMs: 100, maxDelayMs: 350, random: () => 1, sleep: async (ms) => { slept.push(ms); } };
}

function failing(codes: ErrorCode[], then: string) {
  let calls = 0;
  return {
    attempt: async () => {
      const code = codes[calls];
      calls += 1;
      if (code !== undefined) throw new ProxyError(code, `failure ${calls}`);
      return then;
    },
    calls: () => calls,
  };
}

describe('withRetries', () => {
  it.each<ErrorCode>(['BEDROCK_THROTTLED', 'BEDROCK_QUOTA_EXCEEDED', 'BEDROCK_UNAVAILABLE', 'BEDROCK_MODEL_NOT_READY', 'BEDROCK_INTERNAL', 'BEDROCK_UNREACHABLE'])(
    'retries %s with doubling, capped backoff and then succeeds',
    async (code) => {
      const slept: number[] = [];
      const call = failing([code, code, code], 'ok');
      expect(await withRetries(call.attempt, policy(3, slept))).toBe('ok');
      expect(call.calls()).toBe(4);
      expect(slept).toEqual([100, 200, 350]);
    },
  );

  it('gives up after maxRetries with the last error', async () => {
    const slept: number[] = [];
    const call = failing(['BEDROCK_THROTTLED', 'BEDROCK_THROTTLED', 'BEDROCK_THROTTLED'], 'ok');
    await expect(withRetries(call.attempt, policy(2, slept))).rejects.toThrow('failure 3');
    expect(call.calls()).toBe(3);
  });

  it.each<ErrorCode>(['BEDROCK_VALIDATION', 'BEDROCK_ACCESS_DENIED', 'BEDROCK_MODEL_TIMEOUT', 'UPSTREAM_TIMEOUT', 'INVALID_REQUEST'])('does not retry %s', async (code) => {
    const call = failing([code], 'ok');
    await expect(withRetries(call.attempt, policy(3, []))).rejects.toThrow('failure 1');
    expect(call.calls()).toBe(1);
  });

  it('stops when the signal has aborted (the client left, or shutdown)', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const call = failing(['BEDROCK_THROTTLED'], 'ok');
    await expect(withRetries(call.attempt, policy(3, []), controller.signal)).rejects.toThrow('failure 1');
  });

  it('does not retry with maxRetries 0', async () => {
    const call = failing(['BEDROCK_THROTTLED'], 'ok');
    await expect(withRetries(call.attempt, policy(0, []))).rejects.toThrow('failure 1');
  });
});
