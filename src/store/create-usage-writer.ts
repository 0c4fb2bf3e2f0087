import { setTimeout as delay } from 'node:timers/promises';
import type { UsageRecord, UsageStore } from './types.js';
import { batchSize, UsageWriteError } from './write-usage-batches.js';

export interface UsageWriter {
  /** Queues a record; never blocks, never throws. After `close()` the record is still written, at once. */
  enqueue(record: UsageRecord): void;
  /** Writes everything queued so far; rejects with a UsageWriteError if some records failed (they stay queued). */
  flush(): Promise<void>;
  /** Stops the timer and flushes, retrying failures a few times; rejects if records remain unwritten. */
  close(): Promise<void>;
  /** Records not yet written: queued, in flight, or kept after a failure. */
  readonly pending: number;
}

export interface UsageWriterOptions {
  usage: UsageStore;
  /** A partial batch is written this long after its first record; default 250 ms. */
  flushIntervalMs?: number;
  /** Failures of background flushes (the records are kept and retried). */
  onError?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

interface Entry {
  record: UsageRecord;
  /** Arrival order: a flush waits only for what arrived before it. */
  sequence: number;
}

const maxBatchesInFlight = 4;
const closeAttempts = 3;
const closeRetryDelayMs = 200;

/**
 * Takes usage records off the request path: full batches of 25 go out at once, a partial one after
 * `flushIntervalMs`, at most four BatchWriteItem calls at a time. Nothing is dropped: records of a
 * failed batch are kept and retried by the next flush, and `close()` writes what remains.
 */
export function createUsageWriter(options: UsageWriterOptions): UsageWriter {
  const flushIntervalMs = options.flushIntervalMs ?? 250;
  const onError = options.onError ?? (() => {});
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  let waiting: Entry[] = [];
  let held: Entry[] = [];
  const inFlight = new Set<Entry[]>();
  let lastSequence = 0;
  let drainUpTo = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let lastFailure: unknown;
  let settlementWaiters: Array<() => void> = [];

  const nextSettlement = () => new Promise<void>((resolve) => settlementWaiters.push(resolve));

  const dispatch = (batch: Entry[]) => {
    inFlight.add(batch);
    Promise.resolve()
      .then(() => options.usage.writeBatch(batch.map((entry) => entry.record)))
      .catch((error: unknown) => {
        lastFailure = error;
        held.push(...unwrittenEntries(batch, error));
      })
      .finally(() => {
        inFlight.delete(batch);
        pump();
        const waiters = settlementWaiters;
        settlementWaiters = [];
        for (const resolve of waiters) resolve();
      });
  };

  /** Sends full batches, and partial ones while a flush is draining, up to the in-flight limit. */
  const pump = () => {
    while (inFlight.size < maxBatchesInFlight) {
      const head = waiting[0];
      if (head === undefined) return;
      if (waiting.length < batchSize && head.sequence > drainUpTo) return;
      dispatch(waiting.splice(0, batchSize));
    }
  };

  const flush = async (): Promise<void> => {
    if (held.length > 0) {
      waiting = [...held, ...waiting];
      held = [];
    }
    const upTo = lastSequence;
    drainUpTo = Math.max(drainUpTo, upTo);
    pump();
    const isOurs = (entry: Entry) => entry.sequence <= upTo;
    while (waiting.some(isOurs) || [...inFlight].some((batch) => batch.some(isOurs))) await nextSettlement();
    const failed = held.filter(isOurs);
    if (failed.length > 0) {
      throw new UsageWriteError(
        `${failed.length} usage records could not be written; they are kept for the next flush`,
        failed.map((entry) => entry.record),
        { cause: lastFailure },
      );
    }
  };

  const flushInBackground = () => {
    flush().catch(onError);
  };

  return {
    enqueue(record) {
      try {
        lastSequence += 1;
        waiting.push({ record, sequence: lastSequence });
        if (closed) {
          flushInBackground();
          return;
        }
        if (waiting.length >= batchSize) pump();
        if (timer === undefined) {
          timer = setTimeout(() => {
            timer = undefined;
            flushInBackground();
          }, flushIntervalMs);
          timer.unref();
        }
      } catch (error) {
        onError(error);
      }
    },

    flush,

    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await flush();
          return;
        } catch (error) {
          if (attempt >= closeAttempts) throw error;
          await sleep(closeRetryDelayMs * 2 ** (attempt - 1));
        }
      }
    },

    get pending() {
      let inFlightRecords = 0;
      for (const batch of inFlight) inFlightRecords += batch.length;
      return waiting.length + held.length + inFlightRecords;
    },
  };
}

/** A UsageWriteError names the records left unwritten; any other failure leaves the whole batch. */
function unwrittenEntries(batch: Entry[], error: unknown): Entry[] {
  if (!(error instanceof UsageWriteError)) return batch;
  const unwritten = new Set(error.records);
  return batch.filter((entry) => unwritten.has(entry.record));
}
