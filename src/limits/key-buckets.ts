import { createBucketTable } from './bucket-table.js';
import { findRefusal, type LimitEntry, type Refusal } from './find-refusal.js';
import { limitDemand, limitShapes, usageOf, type LimitShape } from './limit-shapes.js';
import type { LimitView } from './rate-limit-headers.js';
import { chargeBucket, fullAt, fullBucket, remainingTokens, type BucketState } from './token-bucket.js';
import type { KeyRateLimits, LimitKind } from './types.js';

export interface AdmitRequest {
  keyId: string;
  limits: KeyRateLimits;
  estimatedInputTokens: number;
}

export interface Evaluation {
  keyId: string;
  estimatedInputTokens: number;
  now: number;
  entries: LimitEntry[];
  refusal: Refusal | undefined;
}

export interface KeyBuckets {
  /** The key's buckets at `now` and, when one refuses, why; changes nothing. */
  evaluate(request: AdmitRequest, now: number): Evaluation;
  /** Takes what an admitted evaluation needs from each of its buckets; returns the limits as they are after. */
  take(evaluation: Evaluation): LimitView[];
  /** Charges (or, negative, refunds) each limit; a bucket dropped meanwhile is charged from full. */
  charge(keyId: string, charges: ReadonlyArray<{ shape: LimitShape; amount: number }>, now: number): void;
}

/** The local token buckets of every key, as both the local and the shared limiter keep them. */
export function createKeyBuckets(options: { maxEntries: number }): KeyBuckets {
  const table = createBucketTable(options);
  return {
    evaluate(request, now) {
      const entries = limitShapes(request.limits).map((shape) => ({ shape, bucket: table.current(request.keyId, shape, now) }));
      const estimatedInputTokens = sanitizeTokens(request.estimatedInputTokens);
      return { keyId: request.keyId, estimatedInputTokens, now, entries, refusal: findRefusal(entries, estimatedInputTokens) };
    },
    take(evaluation) {
      return evaluation.entries.map(({ shape, bucket }) => {
        const taken = chargeBucket(bucket, limitDemand(shape.kind, evaluation.estimatedInputTokens).take, evaluation.now);
        table.put(evaluation.keyId, shape.kind, taken, evaluation.now);
        return bucketView(shape.kind, taken);
      });
    },
    charge(keyId, charges, now) {
      for (const { shape, amount } of charges) {
        if (amount === 0) continue;
        const bucket = table.find(keyId, shape.kind, now) ?? fullBucket(shape, now);
        table.put(keyId, shape.kind, chargeBucket(bucket, amount, now), now);
      }
    },
  };
}

export function bucketView(kind: LimitKind, bucket: BucketState): LimitView {
  const resetAt = fullAt(bucket);
  return {
    kind,
    limit: bucket.capacity,
    remaining: remainingTokens(bucket),
    resetAt: Number.isFinite(resetAt) ? resetAt : bucket.updatedAt + bucket.windowMs,
  };
}

/** Token counts from outside: anything not a finite positive number counts as none. */
export function sanitizeTokens(tokens: number): number {
  return Number.isFinite(tokens) && tokens > 0 ? tokens : 0;
}

/** What each bucket is owed once the real usage is known: the use minus what admission took (negative refunds). */
export function settlementCharges(
  shapes: ReadonlyArray<LimitShape>,
  estimatedInputTokens: number,
  usage: { inputTokens: number; outputTokens: number },
): Array<{ shape: LimitShape; amount: number }> {
  const used = { inputTokens: sanitizeTokens(usage.inputTokens), outputTokens: sanitizeTokens(usage.outputTokens) };
  return shapes.map((shape) => ({ shape, amount: usageOf(shape.kind, used) - limitDemand(shape.kind, estimatedInputTokens).take }));
}
