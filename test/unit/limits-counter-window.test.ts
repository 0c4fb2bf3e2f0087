import { describe, expect, it } from 'vitest';
import {
  carryOver,
  emptyWindow,
  planLease,
  sharedRemaining,
  sharedResetAt,
  sharedRetryAfterMs,
  windowStartOf,
  type CounterWindow,
} from '../../src/limits/counter-window.js';

const windowMs = 60_000;
const start = Date.parse('2030-01-01T00:01:00.000Z');
const window = (changes: Partial<CounterWindow>): CounterWindow => ({ ...emptyWindow(start, windowMs), previousCount: 0, ...changes });

describe('the shared counter window', () => {
  it('starts windows at multiples of their length', () => {
    expect(windowStartOf(start + 59_999, windowMs)).toBe(start);
    expect(windowStartOf(start + 60_000, windowMs)).toBe(start + 60_000);
    expect(emptyWindow(start + 10_000, windowMs, 7)).toEqual({ windowMs, windowStart: start, lease: 0, knownCount: 0, previousCount: undefined, debt: 7, flushing: 0 });
  });

  it.each([
    [0, 40, 40],
    [15_000, 40, 30],
    [30_000, 40, 20],
    [59_000, 40, 1],
    [45_000, 0, 0],
    [20_000, 10, 7],
  ])('carries over, %d ms into the window, ceil(%d × the share still covered) = %d', (elapsed, previousCount, carry) => {
    expect(carryOver(window({ previousCount }), start + elapsed)).toBe(carry);
  });

  it.each([
    ['a whole chunk when it fits', window({}), 1, false, { kind: 'ask', amount: 4, max: 36 }],
    ['what fits of a chunk', window({ knownCount: 38 }), 1, false, { kind: 'ask', amount: 2, max: 38 }],
    ['exactly the shortfall after a refused ask', window({ knownCount: 30 }), 3, true, { kind: 'ask', amount: 3, max: 37 }],
    ['more than a chunk when the request needs it', window({}), 9, false, { kind: 'ask', amount: 9, max: 31 }],
    ['only what the lease lacks', window({ lease: 2 }), 3, false, { kind: 'ask', amount: 4, max: 36 }],
    ['room net of unsent debt and the carry-over', window({ debt: 5, flushing: 1, previousCount: 10 }), 1, false, { kind: 'ask', amount: 4, max: 20 }],
  ])('asks for %s', (_name, counter, required, exact, plan) => {
    expect(planLease({ window: counter, limit: 40, required, chunk: 4, exact, now: start })).toEqual(plan);
  });

  it('refuses without a call when the known count rules the request out, with the wait until it could pass', () => {
    const full = window({ knownCount: 10, previousCount: 40 });
    expect(planLease({ window: full, limit: 40, required: 1, chunk: 4, exact: false, now: start + 15_000 })).toEqual({ kind: 'refuse', retryAfterMs: 1500 });
  });

  it.each([
    ['later in this window, as the carry-over shrinks', window({ knownCount: 10, previousCount: 40 }), 15_000, 1500],
    ['at the start of the next window when this one leaves room enough', window({ knownCount: 39, previousCount: 40 }), 30_000, 30_000],
    ['into the next window when this one is carried over', window({ knownCount: 40, debt: 40 }), 30_000, 30_000 + 30_750],
    ['now when the room is there', window({ knownCount: 1 }), 1000, 0],
  ])('the counter could grant again %s', (_name, counter, elapsed, milliseconds) => {
    expect(sharedRetryAfterMs({ window: counter, limit: 40, required: 1, now: start + elapsed })).toBe(milliseconds);
  });

  it('reports what this process could still use and when the counter stops weighing', () => {
    expect(sharedRemaining(window({ lease: 3, knownCount: 20, previousCount: 20 }), 40, start + 30_000)).toBe(13);
    expect(sharedRemaining(window({ knownCount: 45 }), 40, start)).toBe(0);
    expect(sharedResetAt(window({ knownCount: 1 }), start + 5)).toBe(start + 120_000);
    expect(sharedResetAt(window({ previousCount: 3 }), start + 5)).toBe(start + 60_000);
    expect(sharedResetAt(window({}), start + 5)).toBe(start + 5);
  });
});
