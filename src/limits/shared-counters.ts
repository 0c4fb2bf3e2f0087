import { emptyWindow, planLease, sharedRemaining, sharedResetAt, windowStartOf, type CounterWindow } from './counter-window.js';
import type { LimitShape } from './limit-shapes.js';
import type { CounterItem, WindowCounterStore } from './window-counter-store.js';

export type LeaseOutcome = { kind: 'granted' } | { kind: 'refused'; retryAfterMs: number } | { kind: 'unavailable' };

export interface SharedCounters {
  /** Makes the lease hold `required`, asking DynamoDB only when it does not; takes nothing. With `useStore` false, never calls. */
  ensure(keyId: string, shape: LimitShape, required: number, useStore: boolean): Promise<LeaseOutcome>;
  /** Whether the lease holds `required` right now. */
  holds(keyId: string, shape: LimitShape, required: number): boolean;
  /** Spends from the lease; returns the window it was spent in. */
  spend(keyId: string, shape: LimitShape, amount: number): number;
  /** After the call: a positive amount comes out of the lease, the rest is owed to the counter; a negative one refunds the lease it was taken from. */
  charge(keyId: string, shape: LimitShape, amount: number, takenInWindow: number | undefined): void;
  view(keyId: string, shape: LimitShape): { remaining: number; resetAt: number } | undefined;
  /** Sends every debt, waits for what is in flight, and makes no further calls. */
  flushAll(): Promise<void>;
}

export interface SharedCountersOptions {
  store: WindowCounterStore;
  now: () => number;
  leaseFraction: number;
  onStoreError: (error: unknown) => void;
  maxEntries: number;
}

/** Enough for: read the previous window, a chunk refused, the exact need refused, and a window ending meanwhile. */
const maxStepsPerLease = 6;

/** The per-key, per-kind leases and debts of one process against the shared counters. */
export function createSharedCounters(options: SharedCountersOptions): SharedCounters {
  const { store, now } = options;
  const windows = new Map<string, { keyId: string; shape: LimitShape; window: CounterWindow }>();
  const inFlight = new Set<Promise<void>>();
  let sweepAbove = options.maxEntries;
  let stopped = false;
  const chunkOf = (shape: LimitShape) => Math.max(1, Math.ceil(shape.capacity * options.leaseFraction));

  const current = (keyId: string, shape: LimitShape): CounterWindow => {
    const name = `${shape.kind}\u0000${keyId}`;
    const at = now();
    let entry = windows.get(name);
    if (entry === undefined) {
      entry = { keyId, shape, window: emptyWindow(at, shape.windowMs) };
      windows.set(name, entry);
      if (windows.size > sweepAbove) sweep(at);
      return entry.window;
    }
    entry.shape = shape;
    const window = entry.window;
    if (window.windowMs !== shape.windowMs || window.windowStart !== windowStartOf(at, shape.windowMs)) {
      // Unspent leases end with their window; debts move on, to be counted in the new one.
      Object.assign(window, emptyWindow(at, shape.windowMs, window.debt), { flushing: window.flushing });
    }
    return window;
  };

  const sweep = (at: number) => {
    for (const [name, { window }] of windows) {
      if (window.windowStart + window.windowMs <= at && window.debt === 0 && window.flushing === 0) windows.delete(name);
    }
    sweepAbove = Math.max(options.maxEntries, windows.size * 2);
  };

  const item = (keyId: string, shape: LimitShape, windowStart: number): CounterItem => ({
    limitKey: `${keyId}#${shape.kind}#${Math.floor(windowStart / 1000)}`,
    expiresAt: Math.floor((windowStart + 2 * shape.windowMs) / 1000),
  });

  const flush = (keyId: string, shape: LimitShape, window: CounterWindow) => {
    if (stopped || window.debt <= 0 || window.flushing > 0) return;
    const amount = window.debt;
    const start = window.windowStart;
    window.debt = 0;
    window.flushing = amount;
    const sent = store.add(item(keyId, shape, start), amount).then(
      (count) => {
        window.flushing -= amount;
        if (window.windowStart === start) window.knownCount = Math.max(window.knownCount, count);
        if (window.debt >= chunkOf(shape)) flush(keyId, shape, window);
      },
      (error: unknown) => {
        window.flushing -= amount;
        window.debt += amount;
        options.onStoreError(error);
      },
    );
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  };

  /** One step towards a lease: the previous window's count, or one conditional ask; a string means take another step. */
  const step = async (keyId: string, shape: LimitShape, required: number, exact: boolean): Promise<LeaseOutcome | 'asked' | 'over' | 'read'> => {
    const window = current(keyId, shape);
    if (window.lease + 1e-9 >= required) return { kind: 'granted' };
    const start = window.windowStart;
    if (window.previousCount === undefined) {
      const count = await store.read(item(keyId, shape, start - shape.windowMs).limitKey);
      if (window.windowStart === start) window.previousCount = count;
      return 'read';
    }
    const plan = planLease({ window, limit: shape.capacity, required, chunk: chunkOf(shape), exact, now: now() });
    if (plan.kind === 'refuse') {
      flush(keyId, shape, window);
      return { kind: 'refused', retryAfterMs: plan.retryAfterMs };
    }
    const paying = window.debt;
    window.debt = 0;
    window.flushing += paying;
    let answer: Awaited<ReturnType<WindowCounterStore['addIfAtMost']>> | undefined;
    try {
      answer = await store.addIfAtMost(item(keyId, shape, start), plan.amount + paying, plan.max);
    } finally {
      window.flushing -= paying;
      if (answer?.granted !== true) window.debt += paying;
    }
    const sameWindow = window.windowStart === start;
    if (!answer.granted) {
      if (sameWindow) window.knownCount = Math.max(window.knownCount, plan.max + 1, answer.count ?? 0);
      return 'over';
    }
    if (sameWindow) {
      window.knownCount = Math.max(window.knownCount, answer.count);
      window.lease += plan.amount;
    }
    return 'asked';
  };

  const holds = (keyId: string, shape: LimitShape, required: number) => current(keyId, shape).lease + 1e-9 >= required;
  const withoutStore = (keyId: string, shape: LimitShape, required: number): LeaseOutcome =>
    holds(keyId, shape, required) ? { kind: 'granted' } : { kind: 'unavailable' };

  return {
    async ensure(keyId, shape, required, useStore) {
      let exact = false;
      for (let attempt = 0; attempt < maxStepsPerLease; attempt += 1) {
        if (!useStore) return withoutStore(keyId, shape, required);
        try {
          const outcome = await step(keyId, shape, required, exact);
          if (typeof outcome !== 'string') return outcome;
          if (outcome === 'over') exact = true;
        } catch (error) {
          options.onStoreError(error);
          return withoutStore(keyId, shape, required);
        }
      }
      return { kind: 'refused', retryAfterMs: 1000 };
    },
    holds,
    spend(keyId, shape, amount) {
      const window = current(keyId, shape);
      window.lease -= amount;
      return window.windowStart;
    },
    charge(keyId, shape, amount, takenInWindow) {
      const window = current(keyId, shape);
      if (amount > 0) {
        const fromLease = Math.min(window.lease, amount);
        window.lease -= fromLease;
        window.debt += amount - fromLease;
        if (window.debt >= chunkOf(shape)) flush(keyId, shape, window);
      } else if (amount < 0 && takenInWindow === window.windowStart) {
        const paidOff = Math.min(window.debt, -amount);
        window.debt -= paidOff;
        window.lease += -amount - paidOff;
      }
    },
    view(keyId, shape) {
      if (!windows.has(`${shape.kind}\u0000${keyId}`)) return undefined;
      const window = current(keyId, shape);
      return { remaining: sharedRemaining(window, shape.capacity, now()), resetAt: sharedResetAt(window, now()) };
    },
    async flushAll() {
      for (const { keyId, shape, window } of windows.values()) flush(keyId, shape, window);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      stopped = true;
    },
  };
}
