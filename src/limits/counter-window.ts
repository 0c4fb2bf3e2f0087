/**
 * What one process knows of one shared counter (a key and a kind) in the current fixed window, and
 * the pure arithmetic of the sliding-window approximation over it. Counts only grow within a window,
 * so `knownCount` stays a valid lower bound however old it is.
 */
export interface CounterWindow {
  windowMs: number;
  /** Epoch milliseconds, a multiple of `windowMs`. */
  windowStart: number;
  /** Granted to this process by the counter and not spent yet. Lost when the window ends. */
  lease: number;
  /** A lower bound of the counter in DynamoDB (from the last answer, or a failed condition). */
  knownCount: number;
  /** The previous window's final count, read once per window; undefined until read. */
  previousCount: number | undefined;
  /** Charges this process owes the counter (settled shortfalls, output beyond the lease). */
  debt: number;
  /** Debt being added right now. */
  flushing: number;
}

export type LeasePlan = { kind: 'ask'; amount: number; max: number } | { kind: 'refuse'; retryAfterMs: number };

export function windowStartOf(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

export function emptyWindow(now: number, windowMs: number, debt = 0): CounterWindow {
  return { windowMs, windowStart: windowStartOf(now, windowMs), lease: 0, knownCount: 0, previousCount: undefined, debt, flushing: 0 };
}

/** The previous window's count weighted by how much of it the sliding window ending now still covers. */
export function carryOver(window: CounterWindow, now: number): number {
  const previous = window.previousCount ?? 0;
  const covered = Math.max(0, 1 - (now - window.windowStart) / window.windowMs);
  return Math.max(0, Math.ceil(previous * covered - 1e-9));
}

/** What the counter holds for others' view, counting this process's unsent charges. */
function effectiveCount(window: CounterWindow): number {
  return window.knownCount + window.debt + window.flushing;
}

/**
 * How to get `required` tokens into the lease: refuse without a call when the known count already
 * rules it out; otherwise ask for a whole chunk (or as much of it as can fit), or, after a failed
 * ask (`exact`), for exactly the shortfall. `max` is the condition's bound on the stored count.
 */
export function planLease(input: { window: CounterWindow; limit: number; required: number; chunk: number; exact: boolean; now: number }): LeasePlan {
  const { window, limit, now } = input;
  const shortfall = Math.ceil(input.required - window.lease - 1e-9);
  const carry = carryOver(window, now);
  const room = Math.floor(limit - carry - effectiveCount(window));
  if (room < shortfall) return { kind: 'refuse', retryAfterMs: sharedRetryAfterMs({ window, limit, required: shortfall, now }) };
  const amount = input.exact ? shortfall : Math.min(Math.max(shortfall, input.chunk), room);
  return { kind: 'ask', amount, max: limit - carry - window.debt - window.flushing - amount };
}

/**
 * Milliseconds until the counter could grant `required`: later in this window if the carried-over
 * share of the previous window shrinks enough, else in the next one, where this window's count is
 * carried over in turn. From lower bounds, so it may be early, never late.
 */
export function sharedRetryAfterMs(input: { window: CounterWindow; limit: number; required: number; now: number }): number {
  const { window, limit, required, now } = input;
  const { windowStart: start, windowMs } = window;
  const previous = window.previousCount ?? 0;
  const room = limit - required - effectiveCount(window);
  if (room >= 0 && previous > room) {
    const at = start + windowMs * (1 - room / previous);
    if (at < start + windowMs) return Math.max(0, at - now);
  } else if (room >= 0) {
    return 0;
  }
  const nextStart = start + windowMs;
  const nextRoom = limit - required;
  const carried = effectiveCount(window);
  if (nextRoom < 0) return nextStart + windowMs - now;
  const at = carried <= nextRoom ? nextStart : nextStart + windowMs * (1 - nextRoom / carried);
  return Math.max(0, at - now);
}

/** What this process could still use: its lease plus what the counter would still grant. */
export function sharedRemaining(window: CounterWindow, limit: number, now: number): number {
  return Math.floor(window.lease + Math.max(0, limit - carryOver(window, now) - effectiveCount(window)));
}

/** When the counter no longer weighs on the sliding window: two windows after this one's start once anything was counted. */
export function sharedResetAt(window: CounterWindow, now: number): number {
  if (effectiveCount(window) > 0) return window.windowStart + 2 * window.windowMs;
  if ((window.previousCount ?? 0) > 0) return window.windowStart + window.windowMs;
  return now;
}
