import { setTimeout as delay } from 'node:timers/promises';
import type { UsageRecord, UsageStore } from './types.js';
import type { UsageSpool } from './usage-spool.js';
import { batchSize, UsageWriteError } from './write-usage-batches.js';

export interface UsageWriter {
  /** Queues a record; never blocks, never throws. After `close()` the record is still written, at once. */
  enqueue(record: UsageRecord): void;
  /**
   * Writes everything queued so far; rejects with a UsageWriteError if some records failed (they stay
   * queued). With a spool, records the store refuses go there and count as handled.
   */
  flush(): Promise<void>;
  /**
   * Stops the timers and flushes, retrying failures a few times, then tries to replay the spool once;
   * rejects only if records remain in memory (without a spool, or when the spool failed too).
   */
  close(): Promise<void>;
  /** Records not yet written to the store: queued, in flight, kept after a failure, or in the spool. */
  readonly pending: number;
  /** Records in the spool, waiting for the store. */
  readonly spooled: number;
}

export interface UsageWriterOptions {
  usage: UsageStore;
  /** A partial batch is written this long after its first record; default 250 ms. */
  flushIntervalMs?: number;
  /** Failures of background flushes (the records are kept and retried). */
  onError?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where records go while the store is unavailable, so memory stays bounded during a long outage.
   * The store is tried again every `retryIntervalMs` by replaying the spool; once that succeeds,
   * records go to the store again.
   */
  spool?: UsageSpool;
  /** Default 5 s. */
  retryIntervalMs?: number;
}

interface Entry {
  record: UsageRecord;
  /** Arrival order: a flush waits only for what arrived before it. */
  sequence: number;
}

const maxBatchesInFlight = 4;
const closeAttempts = 3;
const closeRetryDelayMs = 200;
const defaultRetryIntervalMs = 5000;

/**
 * Takes usage records off the request path: full batches of 25 go out at once, a partial one after
 * `flushIntervalMs`, at most four BatchWriteItem calls at a time. Nothing is dropped: records of a
 * failed batch are kept and retried by the next flush (with a spool: appended to it, and every later
 * batch too until the store is back), and `close()` writes what remains.
 */
export function createUsageWriter(options: UsageWriterOptions): UsageWriter {
  const flushIntervalMs = options.flushIntervalMs ?? 250;
  const onError = options.onError ?? (() => {});
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const { spool } = options;
  const retryIntervalMs = options.retryIntervalMs ?? defaultRetryIntervalMs;
  let waiting: Entry[] = [];
  let held: Entry[] = [];
  const inFlight = new Set<Entry[]>();
  let lastSequence = 0;
  let drainUpTo = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let lastFailure: unknown;
  let settlementWaiters: Array<() => void> = [];
  let storeDown = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let replaying: Promise<void> | undefined;

  const nextSettlement = () => new Promise<void>((resolve) => settlementWaiters.push(resolve));
  const write = (records: UsageRecord[]) =>
    writeSettingAsideInvalid(options.usage, records, (record, error) =>
      onError(new UsageWriteError(`a usage record the store refuses as invalid was set aside: ${String(error)}`, [record], { cause: error })),
    );

  const scheduleRetry = (delayMs: number) => {
    if (retryTimer !== undefined || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void replaySpool();
    }, delayMs);
    retryTimer.unref();
  };

  /** The store is tried through the spool itself: its first batch is the probe. Never rejects. */
  const replaySpool = (): Promise<void> => {
    if (spool === undefined) return Promise.resolve();
    replaying ??= (async () => {
      try {
        let replayed = await spool.replay(write);
        storeDown = false;
        // Batches already on their way to the spool when the store came back land after the first pass.
        while (replayed > 0 && spool.size > 0) replayed = await spool.replay(write);
        if (held.length > 0) flushInBackground();
      } catch (error) {
        lastFailure = error;
        storeDown = true;
        onError(error);
        scheduleRetry(retryIntervalMs);
      } finally {
        replaying = undefined;
      }
    })();
    return replaying;
  };

  /** Failed entries go to the spool when there is one (memory only if the spool fails too). */
  const keep = async (entries: Entry[]): Promise<void> => {
    if (spool === undefined) {
      held.push(...entries);
      return;
    }
    if (!storeDown) {
      storeDown = true;
      onError(lastFailure);
      scheduleRetry(retryIntervalMs);
    }
    try {
      await spool.append(entries.map((entry) => entry.record));
    } catch (error) {
      onError(error);
      held.push(...entries);
      return;
    }
    if (!storeDown) void replaySpool();
  };

  const dispatch = (batch: Entry[]) => {
    inFlight.add(batch);
    Promise.resolve()
      .then(async () => {
        // While the store is known to be down, batches go straight to the spool instead of waiting on it.
        if (spool !== undefined && storeDown) return keep(batch);
        try {
          await write(batch.map((entry) => entry.record));
        } catch (error) {
          lastFailure = error;
          await keep(unwrittenEntries(batch, error));
        }
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

  if (spool !== undefined && spool.size > 0) scheduleRetry(0);

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
      clearTimeout(retryTimer);
      retryTimer = undefined;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await flush();
          break;
        } catch (error) {
          if (attempt >= closeAttempts) throw error;
          await sleep(closeRetryDelayMs * 2 ** (attempt - 1));
        }
      }
      await replaying;
      // One more try even if the store seemed down: what it does not take stays in the spool.
      if (spool !== undefined && spool.size > 0) await replaySpool();
    },

    get pending() {
      let inFlightRecords = 0;
      for (const batch of inFlight) inFlightRecords += batch.length;
      return waiting.length + held.length + inFlightRecords + (spool?.size ?? 0);
    },

    get spooled() {
      return spool?.size ?? 0;
    },
  };
}

/**
 * DynamoDB refuses some items outright (one over 400 KB, say): they can never be written, so they are
 * found by writing one record at a time and handed to `setAside`, instead of failing (and, in the
 * spool, blocking) every batch they travel in.
 */
async function writeSettingAsideInvalid(
  usage: UsageStore,
  records: UsageRecord[],
  setAside: (record: UsageRecord, error: unknown) => void,
): Promise<void> {
  try {
    await usage.writeBatch(records);
    return;
  } catch (error) {
    if (!refusesItems(error)) throw error;
    const [only] = records;
    if (records.length === 1 && only !== undefined) return setAside(only, error);
  }
  for (let index = 0; index < records.length; index += 1) {
    try {
      await writeSettingAsideInvalid(usage, records.slice(index, index + 1), setAside);
    } catch (error) {
      throw new UsageWriteError(`writing usage records failed: ${String(error)}`, records.slice(index), { cause: error });
    }
  }
}

function refusesItems(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name === 'ValidationException') return true;
    current = current.cause;
  }
  return false;
}

/** A UsageWriteError names the records left unwritten; any other failure leaves the whole batch. */
function unwrittenEntries(batch: Entry[], error: unknown): Entry[] {
  if (!(error instanceof UsageWriteError)) return batch;
  const unwritten = new Set(error.records);
  return batch.filter((entry) => unwritten.has(entry.record));
}
