import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUsageWriter } from '../../src/store/create-usage-writer.js';
import type { UsageRecord, UsageStore } from '../../src/store/types.js';
import { openUsageSpool } from '../../src/store/usage-spool.js';
import { UsageWriteError } from '../../src/store/write-usage-batches.js';

interface Call {
  records: UsageRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A usage store whose writes stay pending until the test settles them. */
function fakeUsageStore() {
  const calls: Call[] = [];
  const usage: UsageStore = {
    writeBatch: (records) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ records: [...records], resolve, reject });
      }),
    query: () => Promise.resolve([]),
    findByRequestId: () => Promise.resolve(undefined),
  };
  return { usage, calls };
}

const record = (index: number): UsageRecord => ({
  keyId: 'key_test',
  timestamp: new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString(),
  requestId: `req_${index}`,
  inputTokens: index,
  outputTokens: 1,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  tokensEstimated: false,
  latencyMs: 10,
  status: 200,
  success: true,
  stream: false,
});

const records = (from: number, count: number) => Array.from({ length: count }, (_, offset) => record(from + offset));
const ids = (call: Call | undefined) => call?.records.map((entry) => entry.requestId) ?? [];

/** Lets promise callbacks (dispatches, settlements) run; timers stay frozen. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createUsageWriter', () => {
  it('writes a full batch of 25 at once', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage });
    for (const entry of records(0, 24)) writer.enqueue(entry);
    await settle();
    expect(calls).toHaveLength(0);
    writer.enqueue(record(24));
    await settle();
    expect(calls).toHaveLength(1);
    expect(ids(calls[0])).toEqual(records(0, 25).map((entry) => entry.requestId));
    expect(writer.pending).toBe(25);
    calls[0]?.resolve();
    await settle();
    expect(writer.pending).toBe(0);
  });

  it('writes a partial batch flushIntervalMs after its first record', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage, flushIntervalMs: 250 });
    writer.enqueue(record(0));
    await vi.advanceTimersByTimeAsync(100);
    writer.enqueue(record(1));
    writer.enqueue(record(2));
    await vi.advanceTimersByTimeAsync(149);
    await settle();
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(calls.map(ids)).toEqual([['req_0', 'req_1', 'req_2']]);
  });

  it('keeps at most four batches in flight', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage });
    for (const entry of records(0, 150)) writer.enqueue(entry);
    await settle();
    expect(calls).toHaveLength(4);
    expect(writer.pending).toBe(150);
    calls[1]?.resolve();
    await settle();
    expect(calls).toHaveLength(5);
    expect(ids(calls[4])[0]).toBe('req_100');
    expect(writer.pending).toBe(125);
    for (const call of calls) call.resolve();
    await settle();
    expect(calls).toHaveLength(6);
    calls[5]?.resolve();
    await settle();
    expect(writer.pending).toBe(0);
  });

  it('keeps a failed batch and retries it with the next flush', async () => {
    const { usage, calls } = fakeUsageStore();
    const errors: unknown[] = [];
    const writer = createUsageWriter({ usage, onError: (error) => errors.push(error) });
    writer.enqueue(record(0));
    writer.enqueue(record(1));
    await vi.advanceTimersByTimeAsync(250);
    calls[0]?.reject(new Error('throttled'));
    await settle();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(UsageWriteError);
    expect((errors[0] as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(['req_0', 'req_1']);
    expect(writer.pending).toBe(2);

    writer.enqueue(record(2));
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(ids(calls[1])).toEqual(['req_0', 'req_1', 'req_2']);
    calls[1]?.resolve();
    await settle();
    expect(writer.pending).toBe(0);
  });

  it('retries only the records a partly failed batch left unwritten', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage });
    for (const entry of records(0, 3)) writer.enqueue(entry);
    const flushing = writer.flush();
    await settle();
    const unwritten = calls[0]?.records.slice(1) ?? [];
    calls[0]?.reject(new UsageWriteError('unprocessed', unwritten));
    const error: unknown = await flushing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageWriteError);
    expect((error as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(['req_1', 'req_2']);
    expect(writer.pending).toBe(2);

    const retrying = writer.flush();
    await settle();
    expect(ids(calls[1])).toEqual(['req_1', 'req_2']);
    calls[1]?.resolve();
    await retrying;
    expect(writer.pending).toBe(0);
  });

  it('close writes everything, partial batches included, and stops the timer', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage });
    for (const entry of records(0, 30)) writer.enqueue(entry);
    const closing = writer.close();
    await settle();
    expect(calls.map((call) => call.records.length)).toEqual([25, 5]);
    for (const call of calls) call.resolve();
    await closing;
    expect(writer.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
  });

  it('close retries failures a few times, then rejects with the records still unwritten', async () => {
    const attempts: number[] = [];
    const usage: UsageStore = {
      writeBatch: (batch) => {
        attempts.push(batch.length);
        return Promise.reject(new Error('unreachable'));
      },
      query: () => Promise.resolve([]),
      findByRequestId: () => Promise.resolve(undefined),
    };
    const sleeps: number[] = [];
    const writer = createUsageWriter({ usage, sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); } });
    writer.enqueue(record(0));
    writer.enqueue(record(1));
    const error: unknown = await writer.close().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageWriteError);
    expect((error as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(['req_0', 'req_1']);
    expect(attempts).toEqual([2, 2, 2]);
    expect(sleeps).toEqual([200, 400]);
    expect(writer.pending).toBe(2);
  });

  it('still records what is enqueued after close, at once', async () => {
    const { usage, calls } = fakeUsageStore();
    const writer = createUsageWriter({ usage });
    await writer.close();
    writer.enqueue(record(7));
    await settle();
    expect(calls.map(ids)).toEqual([['req_7']]);
    calls[0]?.resolve();
    await settle();
    expect(writer.pending).toBe(0);
  });

  it('never throws from enqueue, even when the store throws synchronously', async () => {
    const errors: unknown[] = [];
    const usage: UsageStore = {
      writeBatch: () => {
        throw new Error('broken store');
      },
      query: () => Promise.resolve([]),
      findByRequestId: () => Promise.resolve(undefined),
    };
    const writer = createUsageWriter({ usage, onError: (error) => errors.push(error) });
    expect(() => {
      for (const entry of records(0, 26)) writer.enqueue(entry);
    }).not.toThrow();
    await vi.advanceTimersByTimeAsync(250);
    await settle();
    expect(errors).toHaveLength(1);
    expect((errors[0] as UsageWriteError).cause).toEqual(new Error('broken store'));
    expect(writer.pending).toBe(26);
  });
});

/** A store that can go down and come back; it keeps items by request id and counts puts per id. */
function switchableStore() {
  const puts = new Map<string, number>();
  const state = { down: false, calls: 0, failOnCall: 0 };
  const usage: UsageStore = {
    writeBatch: async (batch) => {
      state.calls += 1;
      if (state.down || state.calls === state.failOnCall) throw new Error('the store is unavailable');
      for (const entry of batch) puts.set(entry.requestId, (puts.get(entry.requestId) ?? 0) + 1);
    },
    query: () => Promise.resolve([]),
    findByRequestId: () => Promise.resolve(undefined),
  };
  const duplicates = () => [...puts.entries()].filter(([, count]) => count !== 1);
  return { usage, puts, state, duplicates };
}

/** Waits (at most 10 s) for file I/O and promise callbacks; timers stay frozen. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!condition() && performance.now() < deadline) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('createUsageWriter with a spool', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'usage-writer-spool-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });
  const spoolAt = () => openUsageSpool({ path: path.join(directory, 'usage-spool.jsonl') });

  it('moves records to the spool while the store is down and replays them, exactly once, when it is back', async () => {
    const store = switchableStore();
    const spool = await spoolAt();
    const errors: unknown[] = [];
    const writer = createUsageWriter({ usage: store.usage, spool, retryIntervalMs: 1000, onError: (error) => errors.push(error) });
    store.state.down = true;
    for (const entry of records(0, 120)) writer.enqueue(entry);
    await vi.advanceTimersByTimeAsync(250);
    await until(() => writer.spooled === 120);
    expect([writer.spooled, writer.pending]).toEqual([120, 120]);
    expect(errors[0]).toEqual(new Error('the store is unavailable'));

    // Still down at the first retry: nothing lost, nothing written.
    await vi.advanceTimersByTimeAsync(1000);
    await until(() => errors.length >= 2);
    expect([store.puts.size, writer.pending]).toEqual([0, 120]);

    store.state.down = false;
    for (const entry of records(120, 5)) writer.enqueue(entry);
    await vi.advanceTimersByTimeAsync(1000);
    await until(() => writer.pending === 0);
    expect(writer.pending).toBe(0);
    expect(store.puts.size).toBe(125);
    expect(store.duplicates()).toEqual([]);
    await writer.close();
  });

  it('resumes a replay the store cut off midway, still writing each request id once', async () => {
    const store = switchableStore();
    const spool = await spoolAt();
    const errors: unknown[] = [];
    const writer = createUsageWriter({ usage: store.usage, spool, retryIntervalMs: 1000, onError: (error) => errors.push(error) });
    store.state.down = true;
    for (const entry of records(0, 100)) writer.enqueue(entry);
    await until(() => writer.spooled === 100);
    store.state.down = false;
    store.state.failOnCall = store.state.calls + 3;
    const errorsBefore = errors.length;
    await vi.advanceTimersByTimeAsync(1000);
    await until(() => errors.length > errorsBefore);
    expect([store.puts.size, writer.spooled]).toEqual([50, 50]);
    await vi.advanceTimersByTimeAsync(1000);
    await until(() => writer.pending === 0);
    expect(store.puts.size).toBe(100);
    expect(store.duplicates()).toEqual([]);
    await writer.close();
  });

  it('close resolves with the store down, leaving the records in the spool for the next start', async () => {
    const store = switchableStore();
    store.state.down = true;
    const writer = createUsageWriter({ usage: store.usage, spool: await spoolAt(), onError: () => undefined });
    for (const entry of records(0, 30)) writer.enqueue(entry);
    await writer.close();
    expect([writer.pending, writer.spooled, store.puts.size]).toEqual([30, 30, 0]);

    store.state.down = false;
    const restarted = createUsageWriter({ usage: store.usage, spool: await spoolAt(), retryIntervalMs: 1000 });
    expect(restarted.pending).toBe(30);
    await vi.advanceTimersByTimeAsync(0);
    await until(() => restarted.pending === 0);
    expect(store.puts.size).toBe(30);
    expect(store.duplicates()).toEqual([]);
    await restarted.close();
  });

  it('close replays the spool when the store is up again', async () => {
    const store = switchableStore();
    const writer = createUsageWriter({ usage: store.usage, spool: await spoolAt(), retryIntervalMs: 60_000, onError: () => undefined });
    store.state.down = true;
    for (const entry of records(0, 25)) writer.enqueue(entry);
    await until(() => writer.spooled === 25);
    store.state.down = false;
    // The writer still believes the store is down: the records wait in the spool until the next retry or close.
    writer.enqueue(record(25));
    await writer.close();
    expect(store.puts.size).toBe(26);
    expect(writer.pending).toBe(0);
  });
});

describe('records the store refuses as invalid', () => {
  /** Refuses every batch holding the poisoned request id, as DynamoDB refuses an item over 400 KB. */
  function poisonedStore(poisoned: string) {
    const written: string[] = [];
    const usage: UsageStore = {
      writeBatch: async (batch) => {
        if (batch.some((entry) => entry.requestId === poisoned)) {
          const refusal = Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
          throw new UsageWriteError(`writing usage records failed: ${refusal.message}`, [...batch], { cause: refusal });
        }
        written.push(...batch.map((entry) => entry.requestId));
      },
      query: () => Promise.resolve([]),
      findByRequestId: () => Promise.resolve(undefined),
    };
    return { usage, written };
  }

  it('are set aside and reported, one by one, instead of failing their whole batch', async () => {
    const { usage, written } = poisonedStore('req_3');
    const errors: unknown[] = [];
    const writer = createUsageWriter({ usage, onError: (error) => errors.push(error) });
    for (const entry of records(0, 6)) writer.enqueue(entry);
    await writer.flush();
    expect(written).toEqual(['req_0', 'req_1', 'req_2', 'req_4', 'req_5']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(['req_3']);
    expect((errors[0] as UsageWriteError).message).toMatch(/^a usage record the store refuses as invalid was set aside: /);
    expect(writer.pending).toBe(0);
  });

  it('do not block a spool replay', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'usage-writer-poison-'));
    try {
      const spool = await openUsageSpool({ path: path.join(directory, 'usage-spool.jsonl') });
      await spool.append(records(0, 30));
      const { usage, written } = poisonedStore('req_7');
      const errors: unknown[] = [];
      const writer = createUsageWriter({ usage, spool, onError: (error) => errors.push(error) });
      await vi.advanceTimersByTimeAsync(0);
      await until(() => writer.pending === 0);
      await writer.close();
      expect(written).toEqual(records(0, 30).map((entry) => entry.requestId).filter((id) => id !== 'req_7'));
      expect((errors[0] as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(['req_7']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
