import { limitDemand, type LimitShape } from './limit-shapes.js';
import { refusalMessage } from './refusal-message.js';
import { millisecondsUntilLevel, type BucketState } from './token-bucket.js';
import type { Admission, LimitKind } from './types.js';

export interface Refusal {
  kind: LimitKind;
  retryAfterSeconds: number;
  message: string;
}

export interface LimitEntry {
  shape: LimitShape;
  /** The bucket refilled to the time of the decision. */
  bucket: BucketState;
}

/**
 * Whether every limit can admit the request, and if not, the one that makes the client wait
 * longest. A request needing more than a limit can ever hold waits a full window and is told so.
 */
export function findRefusal(entries: ReadonlyArray<LimitEntry>, estimatedInputTokens: number): Refusal | undefined {
  let worst: { refusal: Refusal; waitMs: number } | undefined;
  for (const { shape, bucket } of entries) {
    const demand = limitDemand(shape.kind, estimatedInputTokens);
    const oversized = demand.take > shape.capacity;
    const waitMs = oversized ? Number.POSITIVE_INFINITY : millisecondsUntilLevel(bucket, demand.required);
    if (waitMs === 0) continue;
    if (worst !== undefined && waitMs <= worst.waitMs) continue;
    const retryAfterSeconds = Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : Math.ceil(shape.windowMs / 1000);
    const description = { kind: shape.kind, limit: shape.capacity, windowMs: shape.windowMs, retryAfterSeconds };
    const message = refusalMessage(oversized ? { ...description, oversizedEstimate: demand.take } : description);
    worst = { refusal: { kind: shape.kind, retryAfterSeconds, message }, waitMs };
  }
  return worst?.refusal;
}

export function refusedAdmission(refusal: Refusal, headers: Record<string, string>): Admission {
  return { allowed: false, headers, retryAfterSeconds: refusal.retryAfterSeconds, exceeded: refusal.kind, message: refusal.message };
}
