import type { LimitShape } from './limit-shapes.js';
import { fullBucket, refillBucket, resizeBucket, type BucketState } from './token-bucket.js';
import type { LimitKind } from './types.js';

export interface BucketTable {
  /** The key's bucket for this limit, refilled to `now`: new buckets start full; a changed limit keeps the fraction used. */
  current(keyId: string, shape: LimitShape, now: number): BucketState;
  /** The stored bucket of this key and kind refilled to `now`, if there is one. */
  find(keyId: string, kind: LimitKind, now: number): BucketState | undefined;
  put(keyId: string, kind: LimitKind, bucket: BucketState, now: number): void;
  readonly size: number;
}

/**
 * Buckets by key and kind. A full bucket is the same as no bucket, so when the table grows past
 * `maxEntries` the full ones are dropped; the next sweep waits until the table has doubled, so keys
 * that are all busy do not make every insert scan the table.
 */
export function createBucketTable(options: { maxEntries: number }): BucketTable {
  const buckets = new Map<string, BucketState>();
  let sweepAbove = options.maxEntries;

  const sweep = (now: number) => {
    for (const [name, bucket] of buckets) {
      const refilled = refillBucket(bucket, now);
      if (refilled.level >= refilled.capacity) buckets.delete(name);
    }
    sweepAbove = Math.max(options.maxEntries, buckets.size * 2);
  };

  const put = (keyId: string, kind: LimitKind, bucket: BucketState, now: number) => {
    const name = entryName(keyId, kind);
    const isNew = !buckets.has(name);
    buckets.set(name, bucket);
    if (isNew && buckets.size > sweepAbove) sweep(now);
  };

  return {
    current(keyId, shape, now) {
      const stored = buckets.get(entryName(keyId, shape.kind));
      if (stored === undefined) return fullBucket(shape, now);
      if (stored.capacity !== shape.capacity || stored.windowMs !== shape.windowMs) return resizeBucket(stored, shape, now);
      return refillBucket(stored, now);
    },
    find(keyId, kind, now) {
      const stored = buckets.get(entryName(keyId, kind));
      return stored === undefined ? undefined : refillBucket(stored, now);
    },
    put,
    get size() {
      return buckets.size;
    },
  };
}

function entryName(keyId: string, kind: LimitKind): string {
  return `${kind}\u0000${keyId}`;
}
