import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createSharedRateLimiter } from '../../src/limits/create-shared-rate-limiter.js';
import type { Admission, KeyRateLimits, RateLimiter } from '../../src/limits/types.js';

/** An in-memory stand-in for the two operations the shared limiter uses; real engines are in test/integration. */
function fakeDynamoDb() {
  const counts = new Map<string, number>();
  const calls: string[] = [];
  let failure: Error | undefined;
  const send = async (command: unknown) => {
    await new Promise((resolve) => setImmediate(resolve));
    calls.push(command instanceof UpdateItemCommand ? (command.input.ConditionExpression === undefined ? 'add' : 'addIfAtMost') : 'read');
    if (failure !== undefined) throw failure;
    if (command instanceof GetItemCommand) {
      const count = counts.get(command.input.Key?.['limit_key']?.S ?? '');
      return { Item: count === undefined ? undefined : { count: { N: String(count) } } };
    }
    if (!(command instanceof UpdateItemCommand)) throw new Error('unexpected command');
    const key = command.input.Key?.['limit_key']?.S ?? '';
    const values = command.input.ExpressionAttributeValues ?? {};
    const current = counts.get(key);
    if (command.input.ConditionExpression !== undefined && current !== undefined && current > Number(values[':max']?.N)) {
      const old = command.input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? { Item: { count: { N: String(current) } } } : {};
      throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', ...old });
    }
    const count = (current ?? 0) + Number(values[':amount']?.N);
    counts.set(key, count);
    return { Attributes: { count: { N: String(count) } } };
  };
  return {
    client: { send } as unknown as DynamoDBClient,
    counts,
    calls,
    fail: (error: Error | undefined) => {
      failure = error;
    },
  };
}

const windowStart = Date.parse('2030-01-01T00:01:00.000Z');
const windowSeconds = windowStart / 1000;
const perMinute = (limit: number): KeyRateLimits => ({ requests: { limit, windowSeconds: 60 } });

function setup(options: { processes?: number; leaseFraction?: number } = {}) {
  const store = fakeDynamoDb();
  let clock = windowStart + 10_000;
  const errors: unknown[] = [];
  const limiters = Array.from({ length: options.processes ?? 1 }, () =>
    createSharedRateLimiter({ client: store.client, table: 'rate-limits', now: () => clock, onStoreError: (error) => errors.push(error), leaseFraction: options.leaseFraction }),
  );
  return {
    store,
    errors,
    limiters,
    limiter: limiters[0] as RateLimiter,
    setClock: (at: number) => {
      clock = at;
    },
  };
}

const admitMany = (limiter: RateLimiter, count: number, limits: KeyRateLimits, estimatedInputTokens = 0) =>
  Promise.all(Array.from({ length: count }, () => limiter.admit({ keyId: 'key_a', limits, estimatedInputTokens })));
const admittedCount = (admissions: Admission[]) => admissions.filter((admission) => admission.allowed).length;

function allowed(admission: Admission) {
  if (!admission.allowed) throw new Error(`expected an admission, got: ${admission.message}`);
  return admission;
}

describe('the shared rate limiter on simulated time', () => {
  it('admits exactly the limit across two processes and asks DynamoDB once per lease', async () => {
    const { limiters, store } = setup({ processes: 2 });
    const [first, second] = limiters as [RateLimiter, RateLimiter];
    const admissions = await Promise.all([admitMany(first, 200, perMinute(40)), admitMany(second, 200, perMinute(40))]);
    expect(admittedCount(admissions.flat())).toBe(40);
    expect(store.counts.get(`key_a#requests#${windowSeconds}`)).toBe(40);
    expect(store.calls.filter((call) => call === 'read')).toHaveLength(2);
    expect(store.calls.length).toBeLessThanOrEqual(16);
  });

  it('reports the remaining share of the shared limit and resets two windows after the count began', async () => {
    const { limiters } = setup({ processes: 2 });
    const [first, second] = limiters as [RateLimiter, RateLimiter];
    await admitMany(first, 30, perMinute(40));
    const headers = allowed(await second.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 })).headers;
    expect(headers).toEqual({
      'anthropic-ratelimit-requests-limit': '40',
      'anthropic-ratelimit-requests-remaining': '7',
      'anthropic-ratelimit-requests-reset': '2030-01-01T00:03:00Z',
    });
  });

  it('carries the previous window over by the share the sliding window still covers', async () => {
    const { limiter, store, setClock } = setup();
    expect(admittedCount(await admitMany(limiter, 60, perMinute(40)))).toBe(40);
    setClock(windowStart + 75_000);
    expect(admittedCount(await admitMany(limiter, 20, perMinute(40)))).toBe(10);
    const calls = store.calls.length;
    const refusal = await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 });
    expect(refusal).toMatchObject({ allowed: false, exceeded: 'requests', retryAfterSeconds: 2 });
    expect(store.calls.length).toBe(calls);
    setClock(windowStart + 76_500);
    allowed(await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 }));
  });

  it('loses the unspent lease when its window ends, and asks again in the next', async () => {
    const { limiter, store, setClock } = setup();
    allowed(await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 }));
    expect(store.counts.get(`key_a#requests#${windowSeconds}`)).toBe(4);
    setClock(windowStart + 60_000);
    allowed(await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 }));
    expect(store.counts.get(`key_a#requests#${windowSeconds + 60}`)).toBe(4);
    expect(store.calls).toEqual(['read', 'addIfAtMost', 'read', 'addIfAtMost']);
  });

  it('adds settled shortfalls and output to the counter, and refunds an excess estimate into the lease', async () => {
    const { limiter, store } = setup();
    const limits: KeyRateLimits = { tokensPerMinute: 1000 };
    const first = allowed(await limiter.admit({ keyId: 'key_a', limits, estimatedInputTokens: 50 }));
    expect(store.counts.get(`key_a#tokens#${windowSeconds}`)).toBe(100);
    limiter.settle(first.ticket, { inputTokens: 400, outputTokens: 300 });
    const second = allowed(await limiter.admit({ keyId: 'key_a', limits, estimatedInputTokens: 300 }));
    expect(store.counts.get(`key_a#tokens#${windowSeconds}`)).toBe(1000);
    limiter.settle(second.ticket, { inputTokens: 100, outputTokens: 0 });
    const calls = store.calls.length;
    allowed(await limiter.admit({ keyId: 'key_a', limits, estimatedInputTokens: 150 }));
    expect(store.calls.length).toBe(calls);
    await limiter.close();
    expect(store.counts.get(`key_a#tokens#${windowSeconds}`)).toBe(1000);
  });

  it('treats an output counter at its limit as exhausted in every process', async () => {
    const { limiters, store } = setup({ processes: 2 });
    const [first, second] = limiters as [RateLimiter, RateLimiter];
    const limits: KeyRateLimits = { outputTokensPerMinute: 100 };
    const ticket = allowed(await first.admit({ keyId: 'key_a', limits, estimatedInputTokens: 10 })).ticket;
    first.settle(ticket, { inputTokens: 10, outputTokens: 150 });
    await first.close();
    expect(store.counts.get(`key_a#output_tokens#${windowSeconds}`)).toBe(150);
    const calls = store.calls.length;
    // 150 of 100 counted: the next window carries 150 × (1 - 20.4 / 60) = 99 at 20.4 s into it, 70.4 s from now.
    expect(await second.admit({ keyId: 'key_a', limits, estimatedInputTokens: 10 })).toMatchObject({ allowed: false, exceeded: 'output_tokens', retryAfterSeconds: 71 });
    expect(store.calls.slice(calls)).toEqual(['read', 'addIfAtMost']);
  });

  it('falls back to the local buckets when DynamoDB fails, reports it, and tries again on the next admit', async () => {
    const { limiter, store, errors } = setup();
    const unreachable = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    store.fail(unreachable);
    const during = await admitMany(limiter, 5, perMinute(40));
    expect(admittedCount(during)).toBe(5);
    expect(errors).toEqual([unreachable]);
    const retried = await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 });
    expect(errors).toHaveLength(2);
    store.fail(undefined);
    const after = await limiter.admit({ keyId: 'key_a', limits: perMinute(40), estimatedInputTokens: 0 });
    expect(store.counts.get(`key_a#requests#${windowSeconds}`)).toBe(4);
    // Settling charges what was admitted without the counter: first from the lease, the rest added on close.
    for (const admission of [...during, retried, after]) limiter.settle(allowed(admission).ticket, { inputTokens: 0, outputTokens: 0 });
    await limiter.close();
    expect(store.counts.get(`key_a#requests#${windowSeconds}`)).toBe(7);
    expect(errors).toHaveLength(2);
  });
});
