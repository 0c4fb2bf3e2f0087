import { describe, expect, it } from 'vitest';
import { createBucketTable } from '../../src/limits/bucket-table.js';
import {
  chargeBucket,
  fullAt,
  fullBucket,
  millisecondsUntilLevel,
  refillBucket,
  remainingTokens,
  resizeBucket,
  type BucketState,
} from '../../src/limits/token-bucket.js';

const minute = { capacity: 60, windowMs: 60_000 };
const at = (level: number, updatedAt = 0): BucketState => ({ ...minute, level, updatedAt });

describe('token buckets', () => {
  it.each([
    [at(0), 1000, 1],
    [at(0), 30_000, 30],
    [at(10), 120_000, 60],
    [at(-30), 45_000, 15],
    [at(60), 5000, 60],
  ])('%j refilled at %d ms holds %d', (bucket, now, level) => {
    expect(refillBucket(bucket, now)).toEqual({ ...minute, level, updatedAt: now });
  });

  it('does not drain when the clock goes backwards', () => {
    expect(refillBucket(at(5, 10_000), 4000)).toEqual(at(5, 10_000));
  });

  it.each([
    [at(60), 10, 1000, 50],
    [at(20), 100, 0, -80],
    [at(50), -30, 0, 60],
  ])('%j charged %d at %d ms holds %d (refunds stop at capacity, charges may go below zero)', (bucket, amount, now, level) => {
    expect(chargeBucket(bucket, amount, now).level).toBe(level);
  });

  it.each([
    [at(0), 1, 1000],
    [at(-9), 1, 10_000],
    [at(5), 5, 0],
    [at(5), 61, Number.POSITIVE_INFINITY],
  ])('%j reaches %d after %d ms', (bucket, level, milliseconds) => {
    expect(millisecondsUntilLevel(bucket, level)).toBe(milliseconds);
  });

  it('is full again after the missing share of the window, and reports whole tokens never below zero', () => {
    expect(fullAt(at(15, 1000))).toBe(46_000);
    expect(fullAt(fullBucket(minute, 7))).toBe(7);
    expect([remainingTokens(at(12.7)), remainingTokens(at(-4)), remainingTokens(at(2.9999999999999996))]).toEqual([12, 0, 3]);
  });

  it('keeps the fraction used when resized', () => {
    expect(resizeBucket(at(15), { capacity: 100, windowMs: 30_000 }, 0)).toEqual({ capacity: 100, windowMs: 30_000, level: 25, updatedAt: 0 });
    expect(resizeBucket(at(-30), { capacity: 10, windowMs: 60_000 }, 0).level).toBe(-5);
  });
});

describe('the bucket table', () => {
  const shape = { kind: 'requests', capacity: 10, windowMs: 10_000 } as const;

  it('starts buckets full, refills stored ones, and resizes one whose limit changed', () => {
    const table = createBucketTable({ maxEntries: 100 });
    expect(table.current('a', shape, 0).level).toBe(10);
    table.put('a', 'requests', { capacity: 10, windowMs: 10_000, level: 2, updatedAt: 0 }, 0);
    expect(table.current('a', shape, 3000).level).toBe(5);
    expect(table.current('a', { ...shape, capacity: 20 }, 3000).level).toBe(10);
    expect(table.find('a', 'input_tokens', 0)).toBeUndefined();
    expect(table.find('a', 'requests', 1000)?.level).toBe(3);
  });

  it('drops idle full buckets once it grows past its bound, then waits until it has doubled', () => {
    const table = createBucketTable({ maxEntries: 3 });
    const drained = (now: number) => ({ capacity: 10, windowMs: 10_000, level: 0, updatedAt: now });
    table.put('a', 'requests', drained(0), 0);
    table.put('b', 'requests', drained(0), 0);
    table.put('c', 'requests', fullBucket(shape, 0), 0);
    expect(table.size).toBe(3);
    table.put('d', 'requests', drained(0), 0);
    expect(table.size).toBe(3);
    expect(table.find('c', 'requests', 0)).toBeUndefined();
    expect(table.find('a', 'requests', 0)?.level).toBe(0);
    for (const key of ['e', 'f', 'g']) table.put(key, 'requests', drained(5000), 5000);
    expect(table.size).toBe(6);
    table.put('h', 'requests', drained(10_000), 10_000);
    expect(table.size).toBe(4);
    expect(['a', 'b', 'd'].map((key) => table.find(key, 'requests', 10_000))).toEqual([undefined, undefined, undefined]);
  });
});
