import { bucketView, createKeyBuckets, settlementCharges } from './key-buckets.js';
import type { LimitShape } from './limit-shapes.js';
import { refusedAdmission } from './find-refusal.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { Admission, AdmissionTicket, RateLimiter } from './types.js';

/** Buckets are dropped once idle and full; sweeping starts above this many. */
export const maxBucketEntries = 10_000;

interface TicketRecord {
  keyId: string;
  shapes: LimitShape[];
  estimatedInputTokens: number;
}

/**
 * Token buckets per key and kind, in this process alone. The decision happens synchronously inside
 * `admit`, so concurrent requests are decided one after another and can never over-admit.
 */
export function createLocalRateLimiter(options: { now: () => number }): RateLimiter {
  const buckets = createKeyBuckets({ maxEntries: maxBucketEntries });
  const tickets = new WeakMap<AdmissionTicket, TicketRecord>();

  const admit = (request: Parameters<RateLimiter['admit']>[0]): Admission => {
    const evaluation = buckets.evaluate(request, options.now());
    if (evaluation.refusal !== undefined) {
      const views = evaluation.entries.map(({ shape, bucket }) => bucketView(shape.kind, bucket));
      return refusedAdmission(evaluation.refusal, rateLimitHeaders(views));
    }
    const views = buckets.take(evaluation);
    const ticket: AdmissionTicket = Object.freeze({});
    tickets.set(ticket, {
      keyId: request.keyId,
      shapes: evaluation.entries.map((entry) => entry.shape),
      estimatedInputTokens: evaluation.estimatedInputTokens,
    });
    return { allowed: true, headers: rateLimitHeaders(views), ticket };
  };

  return {
    admit: (request) => Promise.resolve(admit(request)),
    settle(ticket, usage) {
      const record = tickets.get(ticket);
      if (record === undefined) return;
      tickets.delete(ticket);
      try {
        buckets.charge(record.keyId, settlementCharges(record.shapes, record.estimatedInputTokens, usage), options.now());
      } catch {
        // Settling is bookkeeping after the answer was sent; a fault here must not reach the request.
      }
    },
    close: () => Promise.resolve(),
  };
}
