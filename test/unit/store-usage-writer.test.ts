import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUsageWriter } from '../../src/store/create-usage-writer.js';
import type { UsageRecord, UsageStore } from '../../src/store/types.js';
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
