/** Limits of one API key, as the rate limiter enforces them. */
export interface KeyRateLimits {
  /** Requests allowed per window; the bucket holds `limit` and refills `limit` per `windowSeconds`. */
  requests?: { limit: number; windowSeconds: number };
  /** Per minute; undefined = no limit of that kind. */
  tokensPerMinute?: number; // input + output
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

export type LimitKind = 'requests' | 'tokens' | 'input_tokens' | 'output_tokens';

/** What `admit` hands out and `settle` takes back; its contents belong to the limiter that issued it. */
export interface AdmissionTicket {
  /* opaque to callers */
}

export type Admission =
  | { allowed: true; headers: Record<string, string>; ticket: AdmissionTicket }
  | { allowed: false; headers: Record<string, string>; retryAfterSeconds: number; exceeded: LimitKind; message: string };

export interface RateLimiter {
  /** One request of this key, with its estimated input tokens. Local mode decides synchronously inside the call (no await before the decision), so concurrent admits in one process can never over-admit. */
  admit(request: { keyId: string; limits: KeyRateLimits; estimatedInputTokens: number }): Promise<Admission>;
  /** After the call: the real input tokens (uncached + cache writes) and output tokens; 0 and 0 when Bedrock spent nothing. Refunds the input estimate's excess or charges the shortfall; charges output (a bucket may go below zero: the key then waits). Never throws. */
  settle(ticket: AdmissionTicket, usage: { inputTokens: number; outputTokens: number }): void;
  close(): Promise<void>;
}
