import { describe, expect, it } from 'vitest';
import { createLocalRateLimiter } from '../../src/limits/create-local-rate-limiter.js';
import type { Admission, KeyRateLimits } from '../../src/limits/types.js';

const start = Date.parse('2030-01-01T00:00:00.000Z');

function setup() {
  let clock = start;
  const limiter = createLocalRateLimiter({ now: () => clock });
  const admit = (limits: KeyRateLimits, estimatedInputTokens = 0, keyId = 'key_a') => limiter.admit({ keyId, limits, estimatedInputTokens });
  return {
    limiter,
    admit,
    advance: (milliseconds: number) => {
      clock += milliseconds;
    },
  };
}

function allowed(admission: Admission) {
  if (!admission.allowed) throw new Error(`expected an admission, got: ${admission.message}`);
  return admission;
}

function refused(admission: Admission) {
  if (admission.allowed) throw new Error('expected a refusal');
  return admission;
}

const perMinute = (limit: number): KeyRateLimits => ({ requests: { limit, windowSeconds: 60 } });

describe('the local rate limiter: requests', () => {
  it('admits a burst up to capacity, then refuses with the exact wait until one request has refilled', async () => {
    const { admit, advance } = setup();
    for (let index = 0; index < 50; index += 1) allowed(await admit(perMinute(50)));
    const refusal = refused(await admit(perMinute(50)));
    expect(refusal).toEqual({
      allowed: false,
      exceeded: 'requests',
      retryAfterSeconds: 2,
      message: "This request would exceed this API key's rate limit of 50 requests per minute. Please retry after 2 seconds.",
      headers: {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2030-01-01T00:01:00Z',
      },
    });
    advance(1199);
    expect(refused(await admit(perMinute(50))).retryAfterSeconds).toBe(1);
    advance(1);
    expect(allowed(await admit(perMinute(50))).headers['anthropic-ratelimit-requests-remaining']).toBe('0');
  });

  it('refills continuously and never above capacity', async () => {
    const { admit, advance } = setup();
    for (let index = 0; index < 10; index += 1) allowed(await admit(perMinute(10)));
    advance(30_000);
    expect(allowed(await admit(perMinute(10))).headers['anthropic-ratelimit-requests-remaining']).toBe('4');
    advance(10 * 60_000);
    const rested = allowed(await admit(perMinute(10)));
    expect(rested.headers['anthropic-ratelimit-requests-remaining']).toBe('9');
    expect(rested.headers['anthropic-ratelimit-requests-reset']).toBe('2030-01-01T00:10:36Z');
  });

  it('uses the window of the limit: 6 per 30 seconds refills one every 5 seconds', async () => {
    const { admit } = setup();
    const limits: KeyRateLimits = { requests: { limit: 6, windowSeconds: 30 } };
    for (let index = 0; index < 6; index += 1) allowed(await admit(limits));
    const refusal = refused(await admit(limits));
    expect(refusal.retryAfterSeconds).toBe(5);
    expect(refusal.message).toBe("This request would exceed this API key's rate limit of 6 requests per 30 seconds. Please retry after 5 seconds.");
  });

  it('keeps keys apart', async () => {
    const { admit } = setup();
    allowed(await admit(perMinute(1), 0, 'key_a'));
    refused(await admit(perMinute(1), 0, 'key_a'));
    allowed(await admit(perMinute(1), 0, 'key_b'));
  });

  it('admits exactly the limit out of 500 concurrent requests on one key', async () => {
    const { admit } = setup();
    const admissions = await Promise.all(Array.from({ length: 500 }, () => admit(perMinute(50))));
    expect(admissions.filter((admission) => admission.allowed)).toHaveLength(50);
    expect(admissions.slice(50).every((admission) => !admission.allowed)).toBe(true);
  });

  it('admits anything when the key has no limits, with no headers', async () => {
    const { admit } = setup();
    expect(allowed(await admit({}, 1_000_000)).headers).toEqual({});
  });
});

describe('the local rate limiter: tokens', () => {
  const all: KeyRateLimits = { requests: { limit: 10, windowSeconds: 60 }, tokensPerMinute: 10_000, inputTokensPerMinute: 5000, outputTokensPerMinute: 2000 };

  it('sends every kind of header with exact values and RFC 3339 resets', async () => {
    const { admit } = setup();
    expect(allowed(await admit(all, 1000)).headers).toEqual({
      'anthropic-ratelimit-requests-limit': '10',
      'anthropic-ratelimit-requests-remaining': '9',
      'anthropic-ratelimit-requests-reset': '2030-01-01T00:00:06Z',
      'anthropic-ratelimit-tokens-limit': '10000',
      'anthropic-ratelimit-tokens-remaining': '9000',
      'anthropic-ratelimit-tokens-reset': '2030-01-01T00:00:06Z',
      'anthropic-ratelimit-input-tokens-limit': '5000',
      'anthropic-ratelimit-input-tokens-remaining': '4000',
      'anthropic-ratelimit-input-tokens-reset': '2030-01-01T00:00:12Z',
      'anthropic-ratelimit-output-tokens-limit': '2000',
      'anthropic-ratelimit-output-tokens-remaining': '2000',
      'anthropic-ratelimit-output-tokens-reset': '2030-01-01T00:00:00Z',
    });
  });

  it('reports the most restrictive of input and output as tokens when there is no combined limit', async () => {
    const { limiter, admit } = setup();
    const split: KeyRateLimits = { inputTokensPerMinute: 5000, outputTokensPerMinute: 2000 };
    const first = allowed(await admit(split, 1000));
    expect(first.headers['anthropic-ratelimit-tokens-limit']).toBe('5000');
    expect(first.headers['anthropic-ratelimit-tokens-remaining']).toBe('4000');
    limiter.settle(first.ticket, { inputTokens: 1000, outputTokens: 1500 });
    const second = allowed(await admit(split, 0));
    expect([second.headers['anthropic-ratelimit-tokens-limit'], second.headers['anthropic-ratelimit-tokens-remaining']]).toEqual(['2000', '500']);
    expect(second.headers['anthropic-ratelimit-tokens-reset']).toBe('2030-01-01T00:00:45Z');
  });

  it('takes nothing from any bucket when one refuses, and names the kind', async () => {
    const { admit } = setup();
    const limits: KeyRateLimits = { requests: { limit: 10, windowSeconds: 60 }, inputTokensPerMinute: 1000 };
    allowed(await admit(limits, 800));
    const refusal = refused(await admit(limits, 300));
    expect([refusal.exceeded, refusal.retryAfterSeconds]).toEqual(['input_tokens', 6]);
    expect(refusal.headers['anthropic-ratelimit-requests-remaining']).toBe('9');
    expect(refusal.headers['anthropic-ratelimit-input-tokens-remaining']).toBe('200');
    expect(allowed(await admit(limits, 200)).headers['anthropic-ratelimit-requests-remaining']).toBe('8');
  });

  it('names the limit with the longest wait when several refuse', async () => {
    const { admit } = setup();
    const limits: KeyRateLimits = { requests: { limit: 1, windowSeconds: 60 }, inputTokensPerMinute: 1000 };
    allowed(await admit(limits, 1000));
    expect(refused(await admit(limits, 10))).toMatchObject({ exceeded: 'requests', retryAfterSeconds: 60 });
    expect(refused(await admit({ requests: { limit: 10, windowSeconds: 60 }, inputTokensPerMinute: 1000 }, 500))).toMatchObject({ exceeded: 'input_tokens', retryAfterSeconds: 30 });
  });

  it('refuses a request larger than the limit itself with a full window and says it can never pass', async () => {
    const { admit } = setup();
    const refusal = refused(await admit({ inputTokensPerMinute: 1000 }, 1500));
    expect(refusal).toMatchObject({
      exceeded: 'input_tokens',
      retryAfterSeconds: 60,
      message: "This request's estimated 1500 input tokens exceed this API key's limit of 1000 input tokens per minute, so it can never be accepted; shorten the request or raise the limit.",
    });
    expect(refused(await admit({ tokensPerMinute: 1000 }, 1001)).message).toContain('limit of 1000 tokens (input and output) per minute');
  });

  it('refunds the excess of the estimate and charges the shortfall when settled', async () => {
    const { limiter, admit } = setup();
    const limits: KeyRateLimits = { inputTokensPerMinute: 1000 };
    const over = allowed(await admit(limits, 800));
    limiter.settle(over.ticket, { inputTokens: 200, outputTokens: 0 });
    const under = allowed(await admit(limits, 100));
    expect(under.headers['anthropic-ratelimit-input-tokens-remaining']).toBe('700');
    limiter.settle(under.ticket, { inputTokens: 500, outputTokens: 0 });
    expect(allowed(await admit(limits, 0)).headers['anthropic-ratelimit-input-tokens-remaining']).toBe('300');
  });

  it('charges output after the call; a bucket below zero blocks the key until it has refilled', async () => {
    const { limiter, admit, advance } = setup();
    const limits: KeyRateLimits = { outputTokensPerMinute: 1000 };
    const first = allowed(await admit(limits, 50));
    limiter.settle(first.ticket, { inputTokens: 50, outputTokens: 1600 });
    const blocked = refused(await admit(limits, 50));
    expect([blocked.exceeded, blocked.retryAfterSeconds]).toEqual(['output_tokens', 37]);
    expect(blocked.headers['anthropic-ratelimit-output-tokens-remaining']).toBe('0');
    advance(36_000);
    expect(refused(await admit(limits, 50)).retryAfterSeconds).toBe(1);
    advance(60);
    allowed(await admit(limits, 50));
  });

  it('charges input and output to the combined limit', async () => {
    const { limiter, admit } = setup();
    const ticket = allowed(await admit({ tokensPerMinute: 10_000 }, 1000)).ticket;
    limiter.settle(ticket, { inputTokens: 1200, outputTokens: 800 });
    expect(allowed(await admit({ tokensPerMinute: 10_000 }, 0)).headers['anthropic-ratelimit-tokens-remaining']).toBe('8000');
  });

  it('ignores a ticket settled twice, and usage that is not a number', async () => {
    const { limiter, admit } = setup();
    const ticket = allowed(await admit({ outputTokensPerMinute: 1000 }, 0)).ticket;
    limiter.settle(ticket, { inputTokens: Number.NaN, outputTokens: 400 });
    limiter.settle(ticket, { inputTokens: 0, outputTokens: 400 });
    limiter.settle({}, { inputTokens: 0, outputTokens: 400 });
    expect(allowed(await admit({ outputTokensPerMinute: 1000 }, 0)).headers['anthropic-ratelimit-output-tokens-remaining']).toBe('600');
  });
});

describe('the local rate limiter: limits that change', () => {
  it('keeps the fraction used when a key gets a new limit, and stops reporting a limit removed', async () => {
    const { admit } = setup();
    for (let index = 0; index < 5; index += 1) allowed(await admit(perMinute(10)));
    expect(allowed(await admit(perMinute(20))).headers['anthropic-ratelimit-requests-remaining']).toBe('9');
    expect(allowed(await admit(perMinute(10))).headers['anthropic-ratelimit-requests-remaining']).toBe('3');
    expect(allowed(await admit({ inputTokensPerMinute: 100 }, 10)).headers).not.toHaveProperty('anthropic-ratelimit-requests-limit');
  });

  it('starts a limit added later full', async () => {
    const { admit } = setup();
    allowed(await admit(perMinute(10)));
    const both = allowed(await admit({ ...perMinute(10), outputTokensPerMinute: 500 }));
    expect(both.headers['anthropic-ratelimit-output-tokens-remaining']).toBe('500');
    expect(both.headers['anthropic-ratelimit-requests-remaining']).toBe('8');
  });
});
