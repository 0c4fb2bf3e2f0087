import { describe, expect, it } from 'vitest';
import type { RateLimitConfig } from '../../src/config/load-config.js';
import { limitShapes } from '../../src/limits/limit-shapes.js';
import { rateLimitsForKey } from '../../src/limits/rate-limits-for-key.js';

const defaults: RateLimitConfig = {
  enabled: true,
  mode: 'local',
  requests: 100,
  windowSeconds: 3600,
  tokensPerMinute: undefined,
  inputTokensPerMinute: 40_000,
  outputTokensPerMinute: undefined,
};

describe('rateLimitsForKey', () => {
  it.each([
    ['no key limits: the defaults', undefined, { requests: { limit: 100, windowSeconds: 3600 }, inputTokensPerMinute: 40_000 }],
    ['rate_limit is per minute', { rateLimit: 30 }, { requests: { limit: 30, windowSeconds: 60 }, inputTokensPerMinute: 40_000 }],
    [
      'the key wins kind by kind',
      { tokensPerMinute: 9000, inputTokensPerMinute: 5000, outputTokensPerMinute: 1000 },
      { requests: { limit: 100, windowSeconds: 3600 }, tokensPerMinute: 9000, inputTokensPerMinute: 5000, outputTokensPerMinute: 1000 },
    ],
  ])('%s', (_name, limits, expected) => {
    expect(rateLimitsForKey(limits, defaults)).toEqual(expected);
  });
});

describe('limitShapes', () => {
  it('lists the configured limits in a fixed order and leaves out unusable ones', () => {
    expect(
      limitShapes({ outputTokensPerMinute: 10, requests: { limit: 5, windowSeconds: 30 }, tokensPerMinute: Number.NaN, inputTokensPerMinute: -1 }),
    ).toEqual([
      { kind: 'requests', capacity: 5, windowMs: 30_000 },
      { kind: 'output_tokens', capacity: 10, windowMs: 60_000 },
    ]);
    expect(limitShapes({ requests: { limit: 5, windowSeconds: 0 } })).toEqual([]);
  });
});
