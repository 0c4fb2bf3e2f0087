import { describe, expect, it } from 'vitest';
import { createUsageLoader } from '../../src/dashboard/load-usage.js';
import { resolveKey } from '../../src/dashboard/resolve-key.js';
import type { ApiKeyRecord, UsageQuery, UsageRecord } from '../../src/store/types.js';

const base = Date.parse('2026-11-28T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000);

function key(id: string, name: string): ApiKeyRecord {
  return { keyHash: `hash-${id}`, id, prefix: 'sk-proxy-abc', userId: 'ada', name, isActive: true, createdAt: '2026-11-01T00:00:00.000Z' };
}

function usage(requestId: string, keyId: string, minutes: number): UsageRecord {
  return {
    keyId, timestamp: at(minutes).toISOString(), requestId, inputTokens: 1, outputTokens: 1, cacheReadInputTokens: 0, cacheWriteInputTokens: 0,
    tokensEstimated: false, latencyMs: 1, status: 200, success: true, stream: false,
  };
}

/** An in-memory usage table that answers like `UsageStore.query` and remembers what was asked. */
function fakeStore(keys: ApiKeyRecord[]) {
  const rows: UsageRecord[] = [];
  const queries: UsageQuery[] = [];
  return {
    rows,
    queries,
    store: {
      apiKeys: { list: async () => keys },
      usage: {
        query: async (query: UsageQuery) => {
          queries.push(query);
          return rows
            .filter((row) => row.keyId === query.keyId && (query.since === undefined || row.timestamp >= query.since) && (query.until === undefined || row.timestamp < query.until))
            .sort((left, right) => left.timestamp.localeCompare(right.timestamp));
        },
      },
    },
  };
}

const ids = (records: UsageRecord[]) => records.map((record) => record.requestId).sort();

describe('the usage loader', () => {
  it('reads every key and pseudo key for the whole range first, by Query on key and time', async () => {
    const fake = fakeStore([key('key_a', 'laptop')]);
    fake.rows.push(usage('r1', 'key_a', -30), usage('r2', 'master', -10), usage('r0', 'key_a', -90));
    const loader = createUsageLoader();
    const loaded = await loader.load(fake.store, { since: at(-60), until: at(0) });
    expect(ids(loaded.records)).toEqual(['r1', 'r2']);
    expect(loaded.changed).toBe(true);
    expect(loaded.keyNames.get('key_a')).toEqual({ name: 'laptop', userId: 'ada' });
    expect(fake.queries).toEqual(
      ['master', 'anonymous', 'unauthenticated', 'key_a'].map((keyId) => ({ keyId, since: at(-60).toISOString(), until: at(0).toISOString() })),
    );
  });

  it('a refresh asks each key only from its newest record minus the overlap, keeps each request once, and drops what left the window', async () => {
    const fake = fakeStore([key('key_a', 'laptop')]);
    fake.rows.push(usage('r1', 'key_a', -50), usage('r2', 'key_a', -20));
    const loader = createUsageLoader({ overlapMs: 5 * 60_000 });
    await loader.load(fake.store, { since: at(-60), until: at(0) });
    fake.queries.length = 0;
    // a late record of a request that arrived before r2 was seen, and a new one
    fake.rows.push(usage('r3', 'key_a', -22), usage('r4', 'key_a', 1));
    const loaded = await loader.load(fake.store, { since: at(-45), until: at(2) });
    expect(ids(loaded.records)).toEqual(['r2', 'r3', 'r4']);
    expect(loaded.changed).toBe(true);
    const keyA = fake.queries.find((query) => query.keyId === 'key_a');
    expect(keyA).toEqual({ keyId: 'key_a', since: at(-25).toISOString(), until: at(2).toISOString() });
    const master = fake.queries.find((query) => query.keyId === 'master');
    expect(master).toEqual({ keyId: 'master', since: at(-45).toISOString(), until: at(2).toISOString() });
  });

  it('a refresh with nothing new reports no change', async () => {
    const fake = fakeStore([]);
    fake.rows.push(usage('r1', 'master', -5));
    const loader = createUsageLoader();
    await loader.load(fake.store, { since: at(-60), until: at(0) });
    const again = await loader.load(fake.store, { since: at(-60), until: at(0) });
    expect(again).toMatchObject({ changed: false });
    expect(ids(again.records)).toEqual(['r1']);
  });

  it('a range that starts earlier (a longer window) is read again in full', async () => {
    const fake = fakeStore([]);
    fake.rows.push(usage('r1', 'master', -5), usage('r2', 'master', -120));
    const loader = createUsageLoader();
    await loader.load(fake.store, { since: at(-60), until: at(0) });
    fake.queries.length = 0;
    const loaded = await loader.load(fake.store, { since: at(-24 * 60), until: at(0) });
    expect(ids(loaded.records)).toEqual(['r1', 'r2']);
    expect(fake.queries.every((query) => query.since === at(-24 * 60).toISOString())).toBe(true);
  });

  it('with a key, queries that key only', async () => {
    const fake = fakeStore([key('key_a', 'laptop'), key('key_b', 'ci')]);
    fake.rows.push(usage('r1', 'key_b', -5), usage('r2', 'key_a', -5));
    const loaded = await createUsageLoader({ keyId: 'key_b' }).load(fake.store, { since: at(-60), until: at(0) });
    expect(ids(loaded.records)).toEqual(['r1']);
    expect(fake.queries.map((query) => query.keyId)).toEqual(['key_b']);
  });
});

describe('resolveKey (--key)', () => {
  const keys = [key('key_a', 'laptop'), key('key_b', 'ci'), key('key_c', 'ci')];

  it.each([
    ['key_a', 'key_a'],
    ['laptop', 'key_a'],
    ['master', 'master'],
    ['unauthenticated', 'unauthenticated'],
  ])('%s → %s', (text, id) => {
    expect(resolveKey(text, keys)).toBe(id);
  });

  it.each([
    ['ci', '--key "ci" names 2 keys (key_b, key_c); give the id'],
    ['nope', '--key "nope" is neither a key id nor a key name; list them with: proxy keys list'],
  ])('%s is refused', (text, message) => {
    expect(() => resolveKey(text, keys)).toThrow(new RangeError(message));
  });
});
