/**
 * A token bucket as a value: it holds up to `capacity` and refills `capacity` per `windowMs`,
 * continuously. Pure: every function takes the time it works at.
 */
export interface BucketState {
  readonly capacity: number;
  readonly windowMs: number;
  /** May be below zero after a charge: the key then waits until it refills. */
  readonly level: number;
  /** Epoch milliseconds `level` was computed at. */
  readonly updatedAt: number;
}

/** Floating-point slack, so a bucket refilled to exactly what is needed counts as holding it. */
export const levelTolerance = 1e-9;

export function fullBucket(shape: { capacity: number; windowMs: number }, now: number): BucketState {
  return { capacity: shape.capacity, windowMs: shape.windowMs, level: shape.capacity, updatedAt: now };
}

/** The bucket at `now`: refilled for the time since it was last computed, never above capacity. */
export function refillBucket(bucket: BucketState, now: number): BucketState {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  if (bucket.level >= bucket.capacity || bucket.capacity <= 0) return { ...bucket, updatedAt: Math.max(now, bucket.updatedAt) };
  const level = Math.min(bucket.capacity, bucket.level + (elapsed * bucket.capacity) / bucket.windowMs);
  return { ...bucket, level, updatedAt: Math.max(now, bucket.updatedAt) };
}

/** Refills, then removes `amount` (a negative amount gives tokens back, up to capacity). The level may go below zero. */
export function chargeBucket(bucket: BucketState, amount: number, now: number): BucketState {
  const refilled = refillBucket(bucket, now);
  return { ...refilled, level: Math.min(refilled.capacity, refilled.level - amount) };
}

/** A bucket of another shape holding the same fraction of its capacity. */
export function resizeBucket(bucket: BucketState, shape: { capacity: number; windowMs: number }, now: number): BucketState {
  const refilled = refillBucket(bucket, now);
  const fraction = refilled.capacity > 0 ? refilled.level / refilled.capacity : 1;
  return { capacity: shape.capacity, windowMs: shape.windowMs, level: fraction * shape.capacity, updatedAt: refilled.updatedAt };
}

/** Milliseconds from the bucket's `updatedAt` until it holds `level`; Infinity when it never can. */
export function millisecondsUntilLevel(bucket: BucketState, level: number): number {
  if (bucket.level + levelTolerance >= level) return 0;
  if (level > bucket.capacity || bucket.capacity <= 0) return Number.POSITIVE_INFINITY;
  return ((level - bucket.level) * bucket.windowMs) / bucket.capacity;
}

/** Epoch milliseconds at which the bucket is full again. */
export function fullAt(bucket: BucketState): number {
  return bucket.updatedAt + millisecondsUntilLevel(bucket, bucket.capacity);
}

/** Whole tokens available now, never below zero. */
export function remainingTokens(bucket: BucketState): number {
  return Math.max(0, Math.floor(bucket.level + levelTolerance));
}
