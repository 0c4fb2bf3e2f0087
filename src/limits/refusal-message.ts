import type { LimitKind } from './types.js';

export interface RefusalDescription {
  kind: LimitKind;
  limit: number;
  windowMs: number;
  retryAfterSeconds: number;
  /** Set when the request alone needs more than the limit holds, so waiting would not help. */
  oversizedEstimate?: number;
}

/** The message of a 429 `rate_limit_error`, in the spirit of Anthropic's. */
export function refusalMessage(refusal: RefusalDescription): string {
  const limit = `${refusal.limit} ${unitName(refusal.kind)} ${periodName(refusal.windowMs)}`;
  if (refusal.oversizedEstimate !== undefined) {
    return `This request's estimated ${refusal.oversizedEstimate} input tokens exceed this API key's limit of ${limit}, so it can never be accepted; shorten the request or raise the limit.`;
  }
  const seconds = refusal.retryAfterSeconds === 1 ? '1 second' : `${refusal.retryAfterSeconds} seconds`;
  return `This request would exceed this API key's rate limit of ${limit}. Please retry after ${seconds}.`;
}

function unitName(kind: LimitKind): string {
  switch (kind) {
    case 'requests':
      return 'requests';
    case 'tokens':
      return 'tokens (input and output)';
    case 'input_tokens':
      return 'input tokens';
    case 'output_tokens':
      return 'output tokens';
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown limit kind ${String(unhandled)}`);
    }
  }
}

function periodName(windowMs: number): string {
  if (windowMs === 60_000) return 'per minute';
  const seconds = windowMs / 1000;
  return seconds === 1 ? 'per second' : `per ${seconds} seconds`;
}
