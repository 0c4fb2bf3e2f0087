/**
 * Shared mode: limits that hold across every proxy process using one DynamoDB table.
 *
 * Each process keeps the local token buckets of local mode and, in addition, must hold tokens
 * leased from a per-key, per-kind counter item (`<keyId>#<kind>#<window start>`, one item per
 * fixed window, TTL one window after it ends). A lease is one conditional UpdateItem
 * (`ADD count :n`, if `count <= limit - n - carry`) for a chunk of `ceil(limit × leaseFraction)`,
 * or exactly what is needed when a chunk does not fit; the process then spends it without calls.
 * `carry` is the sliding-window approximation: the previous window's count times the share of it
 * the sliding window still covers (read once per key, kind and window, strongly consistent).
 *
 * Accuracy (L = limit, c = ceil(L × leaseFraction), P = processes):
 * - Requests, and input tokens as estimated: every grant keeps the counter at or below L - carry,
 *   and a process admits only what its leases hold, so within a fixed window the admitted total is
 *   at most L, with no tolerance: a lease never rounds past what fits. Over a sliding window the
 *   approximation is exact for evenly spread traffic; traffic bunched at the end of one window
 *   can let a sliding window see up to 2L, the same bound a token bucket of capacity L has.
 * - Input shortfalls and output are added after the call, unconditionally: a key can end over its
 *   token limits by what its requests in flight produce (in local mode its bucket goes below zero),
 *   and each process may hold up to c - 1 tokens per key and kind not yet sent, which other
 *   processes do not see: P × (c - 1) at most. A counter at or over its limit refuses output.
 * - Leases unspent when their window ends are lost: the key is under-admitted by up to c - 1 per
 *   process and kind (never over-admitted).
 * - Windows come from each process's clock: clocks are assumed to agree to well under a second.
 * - When DynamoDB fails, a process decides with its local buckets alone (availability over
 *   strictness: up to P × L per window during an outage), reports the error through
 *   `onStoreError`, and tries DynamoDB again on the next admit; admits already waiting behind the
 *   failed call do not. What it admitted is charged to the counter when it is settled.
 *
 * Cost: one UpdateItem per c requests (or c tokens) per process and key, one GetItem per key, kind
 * and window, one UpdateItem per c tokens of settled charges. A key over its limit costs one or two
 * refused UpdateItems, then is refused from what the process knows until the window moves enough.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createKeyQueue } from './create-key-queue.js';
import { maxBucketEntries } from './create-local-rate-limiter.js';
import { refusedAdmission, type LimitEntry, type Refusal } from './find-refusal.js';
import { bucketView, createKeyBuckets, sanitizeTokens, settlementCharges, type AdmitRequest } from './key-buckets.js';
import { limitDemand, usageOf, type LimitShape } from './limit-shapes.js';
import { rateLimitHeaders, type LimitView } from './rate-limit-headers.js';
import { refusalMessage } from './refusal-message.js';
import { createSharedCounters } from './shared-counters.js';
import type { Admission, AdmissionTicket, LimitKind, RateLimiter } from './types.js';
import { createWindowCounterStore } from './window-counter-store.js';

export interface SharedRateLimiterOptions {
  /** From OpenedStore.client. */
  client: DynamoDBClient;
  table: string;
  now: () => number;
  onStoreError?: (error: unknown) => void;
  /** Share of a limit one DynamoDB call leases; default 0.1. */
  leaseFraction?: number;
}

interface TicketRecord {
  keyId: string;
  shapes: LimitShape[];
  estimatedInputTokens: number;
  /** What came out of each kind's lease, and in which window; absent where DynamoDB was unavailable. */
  leased: Map<LimitKind, { taken: number; windowStart: number }>;
}

/** A settle may spend a lease while an admit waits for DynamoDB; the admit then asks again, this often. */
const maxRounds = 3;

export function createSharedRateLimiter(options: SharedRateLimiterOptions): RateLimiter {
  const { now } = options;
  const onStoreError = options.onStoreError ?? (() => {});
  const leaseFraction = options.leaseFraction !== undefined && options.leaseFraction > 0 ? Math.min(1, options.leaseFraction) : 0.1;
  let issued = 0;
  let skipStoreThrough = 0;
  let closed = false;
  const buckets = createKeyBuckets({ maxEntries: maxBucketEntries });
  const counters = createSharedCounters({
    store: createWindowCounterStore(options),
    now,
    leaseFraction,
    maxEntries: maxBucketEntries,
    onStoreError: (error) => {
      skipStoreThrough = issued;
      try {
        onStoreError(error);
      } catch {
        // A failing reporter must not turn a fallback into a failed request.
      }
    },
  });
  const queue = createKeyQueue();
  const tickets = new WeakMap<AdmissionTicket, TicketRecord>();

  const headers = (keyId: string, views: LimitView[], shapes: LimitShape[], unavailable: Set<LimitKind>) =>
    rateLimitHeaders(
      views.map((view, index) => {
        const shape = shapes[index];
        const shared = shape === undefined || unavailable.has(view.kind) ? undefined : counters.view(keyId, shape);
        if (shared === undefined) return view;
        return { ...view, remaining: Math.min(view.remaining, shared.remaining), resetAt: Math.max(view.resetAt, shared.resetAt) };
      }),
    );
  const refuse = (keyId: string, refusal: Refusal, entries: LimitEntry[], unavailable: Set<LimitKind>) =>
    refusedAdmission(
      refusal,
      headers(keyId, entries.map((entry) => bucketView(entry.shape.kind, entry.bucket)), entries.map((entry) => entry.shape), unavailable),
    );
  const sharedRefusal = (shape: LimitShape, retryAfterMs: number): Refusal => {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const message = refusalMessage({ kind: shape.kind, limit: shape.capacity, windowMs: shape.windowMs, retryAfterSeconds });
    return { kind: shape.kind, retryAfterSeconds, message };
  };

  const decide = async (request: AdmitRequest, sequence: number): Promise<Admission> => {
    const { keyId } = request;
    const unavailable = new Set<LimitKind>();
    for (let round = 0; round < maxRounds; round += 1) {
      const first = buckets.evaluate(request, now());
      if (first.refusal !== undefined) return refuse(keyId, first.refusal, first.entries, unavailable);
      for (const { shape } of first.entries) {
        if (unavailable.has(shape.kind)) continue;
        const { required } = limitDemand(shape.kind, first.estimatedInputTokens);
        const outcome = await counters.ensure(keyId, shape, required, !closed && sequence > skipStoreThrough);
        if (outcome.kind === 'refused') return refuse(keyId, sharedRefusal(shape, outcome.retryAfterMs), first.entries, unavailable);
        if (outcome.kind === 'unavailable') unavailable.add(shape.kind);
      }
      // Between the calls above, time moved and settles may have spent leases: decide again, without awaiting.
      const evaluation = buckets.evaluate(request, now());
      if (evaluation.refusal !== undefined) return refuse(keyId, evaluation.refusal, evaluation.entries, unavailable);
      const leaseFor = (shape: LimitShape) => limitDemand(shape.kind, evaluation.estimatedInputTokens);
      const leasesHold = evaluation.entries.every(
        ({ shape }) => unavailable.has(shape.kind) || counters.holds(keyId, shape, leaseFor(shape).required),
      );
      if (!leasesHold) continue;
      const views = buckets.take(evaluation);
      const leased = new Map<LimitKind, { taken: number; windowStart: number }>();
      for (const { shape } of evaluation.entries) {
        if (unavailable.has(shape.kind)) continue;
        const taken = leaseFor(shape).take;
        leased.set(shape.kind, { taken, windowStart: counters.spend(keyId, shape, taken) });
      }
      const shapes = evaluation.entries.map((entry) => entry.shape);
      const ticket: AdmissionTicket = Object.freeze({});
      tickets.set(ticket, { keyId, shapes, estimatedInputTokens: evaluation.estimatedInputTokens, leased });
      return { allowed: true, headers: headers(keyId, views, shapes, unavailable), ticket };
    }
    const last = buckets.evaluate(request, now());
    const short = last.entries.find(({ shape }) => !counters.holds(keyId, shape, limitDemand(shape.kind, last.estimatedInputTokens).required));
    const shape = short?.shape ?? last.entries[0]?.shape ?? { kind: 'requests', capacity: 0, windowMs: 60_000 };
    return refuse(keyId, sharedRefusal(shape, 1000), last.entries, unavailable);
  };

  return {
    admit(request) {
      issued += 1;
      const sequence = issued;
      return queue(request.keyId, () => decide(request, sequence));
    },
    settle(ticket, usage) {
      const record = tickets.get(ticket);
      if (record === undefined) return;
      tickets.delete(ticket);
      try {
        const used = { inputTokens: sanitizeTokens(usage.inputTokens), outputTokens: sanitizeTokens(usage.outputTokens) };
        buckets.charge(record.keyId, settlementCharges(record.shapes, record.estimatedInputTokens, usage), now());
        for (const shape of record.shapes) {
          const leased = record.leased.get(shape.kind);
          counters.charge(record.keyId, shape, usageOf(shape.kind, used) - (leased?.taken ?? 0), leased?.windowStart);
        }
      } catch {
        // Settling is bookkeeping after the answer was sent; a fault here must not reach the request.
      }
    },
    async close() {
      closed = true;
      await counters.flushAll();
    },
  };
}
