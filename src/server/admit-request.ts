import type { MessagesRequest } from '../anthropic/request-schema.js';
import { estimateInputTokens } from '../anthropic/estimate-input-tokens.js';
import type { RateLimitConfig } from '../config/load-config.js';
import { ProxyError } from '../errors.js';
import { rateLimitsForKey } from '../limits/rate-limits-for-key.js';
import type { AdmissionTicket, LimitKind, RateLimiter } from '../limits/types.js';
import type { RequestContext } from './request-context.js';

export interface RequestAdmission {
  limiter: RateLimiter;
  defaults: RateLimitConfig;
  /** Told which limit refused a request (for metrics). */
  onRejected?: (exceeded: LimitKind) => void;
}

/**
 * Applies the caller's rate limits to one request: the Anthropic rate-limit headers go on the
 * response either way; over a limit, a 429 `rate_limit_error` with `retry-after`. Only stored API
 * keys are limited: the master key and requests with authentication off are not.
 */
export async function admitRequest(context: RequestContext, request: MessagesRequest, admission: RequestAdmission | undefined): Promise<AdmissionTicket | undefined> {
  const identity = context.identity;
  if (admission === undefined || identity?.kind !== 'api-key') return undefined;
  const decision = await admission.limiter.admit({
    keyId: identity.keyId,
    limits: rateLimitsForKey(identity.limits, admission.defaults),
    estimatedInputTokens: estimateInputTokens(request),
  });
  for (const [name, value] of Object.entries(decision.headers)) context.response.setHeader(name, value);
  if (decision.allowed) return decision.ticket;
  admission.onRejected?.(decision.exceeded);
  throw new ProxyError('RATE_LIMITED', decision.message, { retryAfterSeconds: decision.retryAfterSeconds });
}

