import type { KeyRateLimits, LimitKind } from './types.js';

/** One configured limit: a bucket of `capacity` refilled over `windowMs`, or a counter per window. */
export interface LimitShape {
  readonly kind: LimitKind;
  readonly capacity: number;
  readonly windowMs: number;
}

const minuteMs = 60_000;

/** The key's configured limits, in a fixed order (requests, tokens, input, output); absent or invalid ones are left out. */
export function limitShapes(limits: KeyRateLimits): LimitShape[] {
  const shapes: LimitShape[] = [];
  const add = (kind: LimitKind, capacity: number | undefined, windowMs: number) => {
    if (capacity === undefined || !Number.isFinite(capacity) || capacity < 0) return;
    if (!Number.isFinite(windowMs) || windowMs <= 0) return;
    shapes.push({ kind, capacity, windowMs });
  };
  if (limits.requests !== undefined) add('requests', limits.requests.limit, limits.requests.windowSeconds * 1000);
  add('tokens', limits.tokensPerMinute, minuteMs);
  add('input_tokens', limits.inputTokensPerMinute, minuteMs);
  add('output_tokens', limits.outputTokensPerMinute, minuteMs);
  return shapes;
}

/**
 * What admitting one request asks of a limit: `take` leaves the bucket at admission, `required`
 * must be there. Input-carrying limits take the estimate; output is charged afterwards, so its
 * bucket only needs a token left.
 */
export function limitDemand(kind: LimitKind, estimatedInputTokens: number): { take: number; required: number } {
  switch (kind) {
    case 'requests':
      return { take: 1, required: 1 };
    case 'tokens':
    case 'input_tokens':
      return { take: estimatedInputTokens, required: Math.max(1, estimatedInputTokens) };
    case 'output_tokens':
      return { take: 0, required: 1 };
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown limit kind ${String(unhandled)}`);
    }
  }
}

/** What a request used of a limit once its usage is known; settling charges this minus what admission took. */
export function usageOf(kind: LimitKind, usage: { inputTokens: number; outputTokens: number }): number {
  switch (kind) {
    case 'requests':
      return 1;
    case 'tokens':
      return usage.inputTokens + usage.outputTokens;
    case 'input_tokens':
      return usage.inputTokens;
    case 'output_tokens':
      return usage.outputTokens;
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown limit kind ${String(unhandled)}`);
    }
  }
}
