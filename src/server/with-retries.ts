import { isProxyError, type ErrorCode } from '../errors.js';

/** Bedrock answers worth another try: throttling, overload, server faults, an unreachable endpoint. */
const retryableCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BEDROCK_THROTTLED',
  'BEDROCK_QUOTA_EXCEEDED',
  'BEDROCK_UNAVAILABLE',
  'BEDROCK_MODEL_NOT_READY',
  'BEDROCK_INTERNAL',
  'BEDROCK_UNREACHABLE',
]);

export interface RetryPolicy {
  /** Further attempts after the first (RETRY_MAX); 0 turns retrying off. */
  maxRetries: number;
  /** The first backoff's ceiling; it doubles per attempt up to `maxDelayMs` (full jitter). */
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

export function isRetryable(error: unknown): boolean {
  return isProxyError(error) && retryableCodes.has(error.code);
}

/**
 * Calls `attempt` until it succeeds, fails for good, or `maxRetries` further tries are spent.
 * Used only before the first byte reaches the client: a stream that has started is never retried.
 */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (retry >= policy.maxRetries || !isRetryable(error) || signal?.aborted === true) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
      await policy.sleep(Math.round(policy.random() * ceiling), signal);
    }
  }
}
