import { describe, expect, it } from 'vitest';
import { formatReset, rateLimitHeaders, type LimitView } from '../../src/limits/rate-limit-headers.js';
import { refusalMessage } from '../../src/limits/refusal-message.js';

const reset = Date.parse('2030-01-01T00:00:10.000Z');
const view = (kind: LimitView['kind'], limit: number, remaining: number): LimitView => ({ kind, limit, remaining, resetAt: reset });

describe('rate-limit headers', () => {
  it.each([
    [Date.parse('2030-01-01T00:00:10.000Z'), '2030-01-01T00:00:10Z'],
    [Date.parse('2030-01-01T00:00:10.001Z'), '2030-01-01T00:00:11Z'],
    [Date.parse('2030-12-31T23:59:59.500Z'), '2031-01-01T00:00:00Z'],
  ])('formats %d as %s (RFC 3339, UTC, rounded up to the second)', (epochMs, text) => {
    expect(formatReset(epochMs)).toBe(text);
  });

  it('names each limit with Anthropic header names', () => {
    expect(rateLimitHeaders([view('requests', 50, 49), view('tokens', 1000, 10)])).toEqual({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2030-01-01T00:00:10Z',
      'anthropic-ratelimit-tokens-limit': '1000',
      'anthropic-ratelimit-tokens-remaining': '10',
      'anthropic-ratelimit-tokens-reset': '2030-01-01T00:00:10Z',
    });
  });

  it.each([
    [[view('input_tokens', 1000, 900), view('output_tokens', 100, 50)], '100', '50'],
    [[view('input_tokens', 1000, 100), view('output_tokens', 100, 50)], '1000', '100'],
    [[view('output_tokens', 100, 50)], '100', '50'],
    [[view('tokens', 5000, 4000), view('input_tokens', 1000, 0)], '5000', '4000'],
  ])('tokens describe the combined limit, else the most restrictive of %j', (views, limit, remaining) => {
    const headers = rateLimitHeaders(views);
    expect([headers['anthropic-ratelimit-tokens-limit'], headers['anthropic-ratelimit-tokens-remaining']]).toEqual([limit, remaining]);
  });

  it('sends nothing for a key without limits', () => {
    expect(rateLimitHeaders([])).toEqual({});
  });
});

describe('refusal messages', () => {
  it.each([
    [{ kind: 'requests', limit: 5, windowMs: 60_000, retryAfterSeconds: 1 }, "This request would exceed this API key's rate limit of 5 requests per minute. Please retry after 1 second."],
    [{ kind: 'output_tokens', limit: 800, windowMs: 60_000, retryAfterSeconds: 12 }, "This request would exceed this API key's rate limit of 800 output tokens per minute. Please retry after 12 seconds."],
    [{ kind: 'requests', limit: 100, windowMs: 3_600_000, retryAfterSeconds: 36 }, "This request would exceed this API key's rate limit of 100 requests per 3600 seconds. Please retry after 36 seconds."],
  ] as const)('%j', (refusal, message) => {
    expect(refusalMessage(refusal)).toBe(message);
  });
});
