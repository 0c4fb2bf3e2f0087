import type { RateLimitConfig } from '../config/load-config.js';
import type { KeyLimits } from '../store/types.js';
import type { KeyRateLimits } from './types.js';

/** A key's own limits over the configured defaults (`requests` from rate_limit per 60 s, else RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW). */
export function rateLimitsForKey(limits: KeyLimits | undefined, defaults: RateLimitConfig): KeyRateLimits {
  const result: KeyRateLimits = {
    requests:
      limits?.rateLimit === undefined
        ? { limit: defaults.requests, windowSeconds: defaults.windowSeconds }
        : { limit: limits.rateLimit, windowSeconds: 60 },
  };
  const tokensPerMinute = limits?.tokensPerMinute ?? defaults.tokensPerMinute;
  const inputTokensPerMinute = limits?.inputTokensPerMinute ?? defaults.inputTokensPerMinute;
  const outputTokensPerMinute = limits?.outputTokensPerMinute ?? defaults.outputTokensPerMinute;
  if (tokensPerMinute !== undefined) result.tokensPerMinute = tokensPerMinute;
  if (inputTokensPerMinute !== undefined) result.inputTokensPerMinute = inputTokensPerMinute;
  if (outputTokensPerMinute !== undefined) result.outputTokensPerMinute = outputTokensPerMinute;
  return result;
}
