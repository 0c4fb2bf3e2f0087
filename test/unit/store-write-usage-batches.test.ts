import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/store/types.js';
import { UsageWriteError, writeUsageBatches } from '../../src/store/write-usage-batches.js';

const record = (index: number): UsageRecord => ({
  keyId: `key_${index % 3}`,
  timestamp: new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString(),
  requestId: `req_${index}`,
  inputTokens: index,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  tokensEstimated: false,
  latencyMs: 1,
  status: 200,
  success: true,
  stream: false,
});

const records = (count: number) => Array.from({ length: count }, (_, index) => record(index));

function harness(unprocessedByCall: Array<(batch: UsageRecord[]) => UsageRecord[]>) {
  const batches: string[][] = [];
  const sleeps: number[] = [];
  return {
    batches,
    sleeps,
    options: {
      writeBatch: (batch: UsageRecord[]) => {
        batches.push(batch.map((entry) => entry.requestId));
        const unprocessed = unprocessedByCall[batches.length - 1];
        return Promise.resolve(unprocessed === undefined ? [] : unprocessed(batch));
      },
      sleep: (ms: number) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
    },
  };
}

describe('writeUsageBatches', () => {
  it.each([
    [0, []],
    [1, [1]],
    [25, [25]],
    [26, [25, 1]],
    [60, [25, 25, 10]],
  ])('writes %i records in batches of %j', async (count, sizes) => {
    const { batches, options } = harness([]);
    await writeUsageBatches({ ...options, records: records(count) });
    expect(batches.map((batch) => batch.length)).toEqual(sizes);
  });

  it('retries unprocessed records with exponential backoff and jitter', async () => {
    const { batches, sleeps, options } = harness([
      (batch) => batch.slice(20),
      (batch) => batch.slice(2),
      (batch) => batch.slice(1),
    ]);
    await writeUsageBatches({ ...options, records: records(30) });
    expect(batches.map((batch) => batch.length)).toEqual([25, 5, 3, 2, 5]);
    expect(batches[3]).toEqual(['req_23', 'req_24']);
    expect(sleeps).toEqual([25, 50, 100]);
  });

  it('caps the backoff', async () => {
    const { sleeps, options } = harness(Array.from({ length: 7 }, () => (batch: UsageRecord[]) => batch));
    await writeUsageBatches({ ...options, records: records(1), maxAttempts: 8, maxDelayMs: 400 });
    expect(sleeps).toEqual([25, 50, 100, 200, 200, 200, 200]);
  });

  it('gives up after the last attempt with every record not written', async () => {
    const { batches, options } = harness([() => [], (batch) => batch.slice(3), (batch) => batch, (batch) => batch]);
    const error: unknown = await writeUsageBatches({ ...options, records: records(60), maxAttempts: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageWriteError);
    const unwritten = (error as UsageWriteError).records.map((entry) => entry.requestId);
    expect(unwritten).toEqual([...records(60).slice(28, 50), ...records(60).slice(50)].map((entry) => entry.requestId));
    expect(batches).toHaveLength(4);
  });

  it('stops at a failed call and hands back that batch and the ones after it', async () => {
    const failure = new Error('connection reset');
    const error: unknown = await writeUsageBatches({
      records: records(30),
      writeBatch: (batch) => (batch.length === 5 ? Promise.reject(failure) : Promise.resolve([])),
      sleep: () => Promise.resolve(),
      random: () => 0,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageWriteError);
    expect((error as UsageWriteError).cause).toBe(failure);
    expect((error as UsageWriteError).records.map((entry) => entry.requestId)).toEqual(records(30).slice(25).map((entry) => entry.requestId));
  });
});
