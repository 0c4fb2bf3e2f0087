import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore, type StoreLocation } from '../../src/store/open-store.js';
import { setupTables, type SetupEvent } from '../../src/store/setup-tables.js';
import { resolveTableNames } from '../../src/store/table-names.js';
import type { UsageRecord } from '../../src/store/types.js';
import { dynamoDbLocalUrl } from '../support/dynamodb-local.js';

interface Engine {
  name: string;
  /** Why the engine cannot run here; the suite is skipped with this as its title. */
  unavailable: string | undefined;
  location: () => Promise<StoreLocation>;
  /** What the first explicit setupTables finds: the embedded engine creates its tables when opened. */
  firstSetup: 'creating' | 'exists';
  ttl: { first: 'enabled' | 'unsupported'; second: 'already-enabled' | 'unsupported' };
}

const localUrl = dynamoDbLocalUrl();
const temporaryDirectories: string[] = [];

const engines: Engine[] = [
  {
    name: 'embedded engine',
    unavailable: undefined,
    location: async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'proxy-store-contract-'));
      temporaryDirectories.push(dataDir);
      return { kind: 'embedded', dataDir };
    },
    firstSetup: 'exists',
    ttl: { first: 'unsupported', second: 'unsupported' },
  },
  {
    name: 'DynamoDB Local',
    unavailable: localUrl === undefined ? 'skipped: DynamoDB Local is not running for this test run' : undefined,
    location: async () => ({ kind: 'endpoint', endpoint: localUrl ?? '', region: 'us-east-1' }),
    firstSetup: 'creating',
    ttl: { first: 'enabled', second: 'already-enabled' },
  },
];

const start = Date.parse('2030-01-01T00:00:00.000Z');
const day = 86_400_000;

afterAll(async () => {
  for (const directory of temporaryDirectories) await rm(directory, { recursive: true, force: true });
});

describe.each(engines)('store contract on the $name', (engine) => {
  describe.skipIf(engine.unavailable !== undefined)(engine.unavailable ?? 'every operation', () => {
    const tables = resolveTableNames({ prefix: `contract-${randomUUID().slice(0, 8)}-` });
    let clock = start;
    const tick = (milliseconds = 1000) => {
      clock += milliseconds;
    };
    let store: OpenedStore;

    beforeAll(async () => {
      store = await openStore({ location: await engine.location(), tables, usageTtlDays: 90, role: 'client', now: () => new Date(clock) });
    });
    afterAll(async () => {
      await store?.close();
    });

    const rawItem = async (keyHash: string): Promise<Record<string, AttributeValue>> =>
      (await store.client.send(new GetItemCommand({ TableName: tables.apiKeys, Key: { key_hash: { S: keyHash } } }))).Item ?? {};

    it('sets up the tables, and a second run reports them as existing', async () => {
      const kinds = (events: SetupEvent[], kind: SetupEvent['kind']) =>
        events.filter((event) => event.kind === kind).map((event) => event.table);
      const ttl = (events: SetupEvent[]) =>
        events.flatMap((event) => (event.kind === 'ttl' ? [[event.table, event.attribute, event.status]] : []));
      const all = [tables.apiKeys, tables.usage, tables.cache, tables.modelMappings, tables.rateLimits];

      const first = await setupTables({ client: store.client, tables, pollIntervalMs: 50 });
      expect(kinds(first, engine.firstSetup)).toEqual(all);
      expect(kinds(first, 'active')).toEqual(all);
      expect(ttl(first)).toEqual([
        [tables.usage, 'expires_at', engine.ttl.first],
        [tables.cache, 'expires_at', engine.ttl.first],
        [tables.rateLimits, 'expires_at', engine.ttl.first],
      ]);

      const second = await setupTables({ client: store.client, tables, pollIntervalMs: 50 });
      expect(kinds(second, 'exists')).toEqual(all);
      expect(kinds(second, 'creating')).toEqual([]);
      expect(ttl(second)).toEqual([
        [tables.usage, 'expires_at', engine.ttl.second],
        [tables.cache, 'expires_at', engine.ttl.second],
        [tables.rateLimits, 'expires_at', engine.ttl.second],
      ]);
    });

    describe('api keys', () => {
      it('creates a key and stores only the hash of its secret', async () => {
        tick();
        const issued = await store.apiKeys.create({ name: 'laptop', userId: 'ada', rateLimit: 60, metadata: { team: 'core' } });
        expect(issued.key).toMatch(/^sk-proxy-[0-9A-Za-z]{43}$/);
        expect(issued.record.id).toMatch(/^key_[0-9A-Za-z]{12}$/);
        expect(issued.record).toEqual({
          keyHash: sha256(issued.key),
          id: issued.record.id,
          prefix: issued.key.slice(0, 16),
          userId: 'ada',
          name: 'laptop',
          isActive: true,
          rateLimit: 60,
          createdAt: new Date(clock).toISOString(),
          metadata: { team: 'core' },
        });
        const raw = await store.client.send(
          new GetItemCommand({ TableName: tables.apiKeys, Key: { key_hash: { S: sha256(issued.key) } } }),
        );
        const item = raw.Item ?? {};
        expect(Object.keys(item).sort()).toEqual(
          ['created_at', 'is_active', 'key_hash', 'key_id', 'key_prefix', 'metadata', 'name', 'rate_limit', 'user_id'],
        );
        expect(JSON.stringify(item)).not.toContain(issued.key.slice(16));
        expect(item['key_prefix']).toEqual({ S: issued.key.slice(0, 16) });
        expect(item['rate_limit']).toEqual({ N: '60' });
      });

      it('finds keys by hash and by id, and lists them newest first, all or by user', async () => {
        const created = [];
        for (const [name, userId] of [['one', 'grace'], ['two', 'linus'], ['three', 'grace']] as const) {
          tick();
          created.push((await store.apiKeys.create({ name, userId })).record);
        }
        const [one, two] = created;
        expect(await store.apiKeys.findByHash(one!.keyHash)).toEqual(one);
        expect(await store.apiKeys.findById(two!.id)).toEqual(two);
        expect(await store.apiKeys.findByHash(sha256('sk-proxy-unknown'))).toBeUndefined();
        expect(await store.apiKeys.findById('key_000000000000')).toBeUndefined();

        expect((await store.apiKeys.list({ userId: 'grace' })).map((record) => record.name)).toEqual(['three', 'one']);
        expect((await store.apiKeys.list()).map((record) => record.name)).toEqual(['three', 'two', 'one', 'laptop']);
        expect(await store.apiKeys.list({ userId: 'nobody' })).toEqual([]);
      });

      it('deactivates and reactivates a key', async () => {
        const { record } = await store.apiKeys.create({ name: 'toggle', userId: 'ada' });
        expect((await store.apiKeys.setActive(record.id, false))?.isActive).toBe(false);
        expect((await store.apiKeys.findByHash(record.keyHash))?.isActive).toBe(false);
        expect((await store.apiKeys.setActive(record.id, true))?.isActive).toBe(true);
        expect(await store.apiKeys.setActive('key_000000000000', false)).toBeUndefined();
      });

      it('sets limits, clears them with null, and leaves absent ones alone', async () => {
        const { record } = await store.apiKeys.create({ name: 'limited', userId: 'ada', rateLimit: 10 });
        const limited = await store.apiKeys.setLimits(record.id, { tokensPerMinute: 5000, inputTokensPerMinute: 4000 });
        expect(limited).toMatchObject({ rateLimit: 10, tokensPerMinute: 5000, inputTokensPerMinute: 4000 });
        expect(limited?.outputTokensPerMinute).toBeUndefined();

        const cleared = await store.apiKeys.setLimits(record.id, { rateLimit: null, inputTokensPerMinute: null, outputTokensPerMinute: 900 });
        expect(cleared).toEqual({ ...record, tokensPerMinute: 5000, outputTokensPerMinute: 900, rateLimit: undefined });
        expect(await store.apiKeys.findById(record.id)).toEqual(cleared);
        expect(await store.apiKeys.setLimits('key_000000000000', { rateLimit: 1 })).toBeUndefined();
      });

      it('rotates a key: the old secret stops working, the new one works, id and limits stay', async () => {
        const old = await store.apiKeys.create({ name: 'rotating', userId: 'ada', rateLimit: 30, tokensPerMinute: 1000 });
        const rotated = await store.apiKeys.rotate(old.record.id);
        expect(rotated?.key).toMatch(/^sk-proxy-[0-9A-Za-z]{43}$/);
        expect(rotated?.key).not.toBe(old.key);
        expect(rotated?.record).toEqual({
          ...old.record,
          keyHash: sha256(rotated?.key ?? ''),
          prefix: rotated?.key.slice(0, 16),
        });
        expect(await store.apiKeys.findByHash(old.record.keyHash)).toBeUndefined();
        expect(await store.apiKeys.findByHash(sha256(rotated?.key ?? ''))).toEqual(rotated?.record);
        expect(await store.apiKeys.findById(old.record.id)).toEqual(rotated?.record);
        expect(await store.apiKeys.rotate('key_000000000000')).toBeUndefined();
      });

      it('creates a key with options and stores them as their own attributes', async () => {
        const guardrail = { identifier: 'gr0abc123', version: '2', trace: 'enabled' } as const;
        const { record } = await store.apiKeys.create({ name: 'guarded', userId: 'ada', responseCache: false, guardrail });
        expect(record).toEqual({
          keyHash: record.keyHash,
          id: record.id,
          prefix: record.prefix,
          userId: 'ada',
          name: 'guarded',
          isActive: true,
          createdAt: new Date(clock).toISOString(),
          responseCache: false,
          guardrail,
        });
        expect(await store.apiKeys.findById(record.id)).toEqual(record);
        const item = await rawItem(record.keyHash);
        expect(item['response_cache']).toEqual({ BOOL: false });
        expect([item['guardrail_id'], item['guardrail_version'], item['guardrail_trace']]).toEqual([{ S: 'gr0abc123' }, { S: '2' }, { S: 'enabled' }]);

        const plain = await store.apiKeys.create({ name: 'plain', userId: 'ada', responseCache: true, guardrail: { identifier: 'gr0abc123', version: 'DRAFT' } });
        expect(plain.record).toMatchObject({ responseCache: true, guardrail: { identifier: 'gr0abc123', version: 'DRAFT' } });
        expect(Object.keys(await rawItem(plain.record.keyHash)).filter((name) => /^(response|guardrail)_/.test(name)).sort()).toEqual(
          ['guardrail_id', 'guardrail_version', 'response_cache'],
        );
      });

      it('sets options, returns them to the proxy\'s setting with null, and leaves absent ones alone', async () => {
        const { record } = await store.apiKeys.create({ name: 'optional', userId: 'ada', rateLimit: 5 });

        const cacheOff = await store.apiKeys.setOptions(record.id, { responseCache: false });
        expect(cacheOff).toEqual({ ...record, responseCache: false });
        const guarded = await store.apiKeys.setOptions(record.id, { guardrail: { identifier: 'gr0abc123', version: '3', trace: 'enabled_full' } });
        expect(guarded).toEqual({ ...record, responseCache: false, guardrail: { identifier: 'gr0abc123', version: '3', trace: 'enabled_full' } });

        const replaced = await store.apiKeys.setOptions(record.id, { responseCache: true, guardrail: { identifier: 'gr0def456', version: 'DRAFT' } });
        expect(replaced).toEqual({ ...record, responseCache: true, guardrail: { identifier: 'gr0def456', version: 'DRAFT' } });
        expect(Object.keys(await rawItem(record.keyHash))).not.toContain('guardrail_trace');
        expect(await store.apiKeys.setOptions(record.id, {})).toEqual(replaced);

        const cleared = await store.apiKeys.setOptions(record.id, { responseCache: null, guardrail: null });
        expect(cleared).toEqual(record);
        expect(Object.keys(cleared ?? {}).sort()).toEqual(Object.keys(record).sort());
        expect(Object.keys(await rawItem(record.keyHash)).filter((name) => /^(response|guardrail)_/.test(name))).toEqual([]);
        expect(await store.apiKeys.findByHash(record.keyHash)).toEqual(record);
        expect(await store.apiKeys.setOptions('key_000000000000', { responseCache: false })).toBeUndefined();
      });

      it('rotates a key with options: they stay', async () => {
        const old = await store.apiKeys.create({ name: 'rotating options', userId: 'ada', responseCache: false, guardrail: { identifier: 'gr0abc123', version: '7', trace: 'disabled' } });
        const rotated = await store.apiKeys.rotate(old.record.id);
        expect(rotated?.record).toEqual({ ...old.record, keyHash: sha256(rotated?.key ?? ''), prefix: rotated?.key.slice(0, 16) });
        expect(await store.apiKeys.findById(old.record.id)).toMatchObject({ responseCache: false, guardrail: { identifier: 'gr0abc123', version: '7', trace: 'disabled' } });
      });

      it.each<[string, Record<string, AttributeValue>, unknown]>([
        ['a bad id', { guardrail_id: { S: 'Not An Id' }, guardrail_version: { S: '1' } }, undefined],
        ['a bad version', { guardrail_id: { S: 'gr0abc123' }, guardrail_version: { S: 'latest' } }, undefined],
        ['a version that is a number', { guardrail_id: { S: 'gr0abc123' }, guardrail_version: { N: '1' } }, undefined],
        ['no version', { guardrail_id: { S: 'gr0abc123' } }, undefined],
        ['a bad trace', { guardrail_id: { S: 'gr0abc123' }, guardrail_version: { S: '1' }, guardrail_trace: { S: 'ENABLED' } }, { identifier: 'gr0abc123', version: '1' }],
      ])('reads a key whose stored guardrail has %s without failing', async (_title, attributes, expected) => {
        const { record } = await store.apiKeys.create({ name: 'hand-edited', userId: 'ada', responseCache: false });
        await store.client.send(
          new UpdateItemCommand({
            TableName: tables.apiKeys,
            Key: { key_hash: { S: record.keyHash } },
            UpdateExpression: `SET ${Object.keys(attributes).map((name) => `${name} = :${name}`).join(', ')}`,
            ExpressionAttributeValues: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`:${name}`, value])),
          }),
        );
        const found = await store.apiKeys.findById(record.id);
        expect(found?.guardrail).toEqual(expected);
        expect(found?.responseCache).toBe(false);
        expect(found !== undefined && 'guardrail' in found).toBe(expected !== undefined);
      });

      it('deletes a key once', async () => {
        const { record } = await store.apiKeys.create({ name: 'doomed', userId: 'ada' });
        expect(await store.apiKeys.delete(record.id)).toBe(true);
        expect(await store.apiKeys.delete(record.id)).toBe(false);
        expect(await store.apiKeys.findById(record.id)).toBeUndefined();
        expect(await store.apiKeys.findByHash(record.keyHash)).toBeUndefined();
      });

      it('records when a key was last used, and never creates a key by touching', async () => {
        const { record } = await store.apiKeys.create({ name: 'used', userId: 'ada' });
        const at = new Date(start + 5 * day);
        await store.apiKeys.touch(record.keyHash, at);
        expect(await store.apiKeys.findByHash(record.keyHash)).toEqual({ ...record, lastUsedAt: at.toISOString() });
        await store.apiKeys.touch(sha256('sk-proxy-gone'), at);
        expect(await store.apiKeys.findByHash(sha256('sk-proxy-gone'))).toBeUndefined();
      });
    });

    describe('usage', () => {
      const usageStart = start + 10 * day;
      const record = (keyId: string, index: number, overrides: Partial<UsageRecord> = {}): UsageRecord => ({
        keyId,
        timestamp: new Date(usageStart + index * 60_000).toISOString(),
        requestId: `req_${keyId}_${String(index).padStart(3, '0')}`,
        model: 'claude-sonnet-4-5',
        inputTokens: 100 + index,
        outputTokens: 20,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        tokensEstimated: false,
        latencyMs: 250,
        status: 200,
        success: true,
        stream: false,
        ...overrides,
      });
      const full = record('key_alpha', 100, {
        bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        api: 'converse',
        cacheReadInputTokens: 7,
        cacheWriteInputTokens: 9,
        tokensEstimated: true,
        timeToFirstTokenMs: 80,
        status: 499,
        errorType: 'client_closed',
        success: false,
        stream: true,
        userAgent: 'claude-cli/2.0.0',
        claudeCodeSessionId: 'session-1',
      });

      it('writes 60 records across keys in batches, then queries them by key and time, oldest first', async () => {
        clock = usageStart;
        const records = [
          ...Array.from({ length: 30 }, (_, index) => record('key_alpha', index)),
          ...Array.from({ length: 20 }, (_, index) => record('key_beta', index)),
          ...Array.from({ length: 9 }, (_, index) => record('key_gamma', index)),
          full,
        ].reverse();
        await store.usage.writeBatch(records);

        const alpha = await store.usage.query({ keyId: 'key_alpha' });
        expect(alpha.map((entry) => entry.requestId)).toEqual([
          ...Array.from({ length: 30 }, (_, index) => `req_key_alpha_${String(index).padStart(3, '0')}`),
          'req_key_alpha_100',
        ]);
        expect((await store.usage.query({ keyId: 'key_beta' })).length).toBe(20);
        expect((await store.usage.query({ keyId: 'key_gamma' })).length).toBe(9);
        expect(await store.usage.query({ keyId: 'key_nobody' })).toEqual([]);

        const window = await store.usage.query({
          keyId: 'key_beta',
          since: record('key_beta', 5).timestamp,
          until: record('key_beta', 8).timestamp,
        });
        expect(window.map((entry) => entry.requestId)).toEqual(['req_key_beta_005', 'req_key_beta_006', 'req_key_beta_007']);
        const tail = await store.usage.query({ keyId: 'key_beta', since: record('key_beta', 18).timestamp });
        expect(tail.map((entry) => entry.inputTokens)).toEqual([118, 119]);
        const head = await store.usage.query({ keyId: 'key_beta', until: record('key_beta', 2).timestamp });
        expect(head.map((entry) => entry.inputTokens)).toEqual([100, 101]);
        const limited = await store.usage.query({ keyId: 'key_alpha', limit: 4 });
        expect(limited.map((entry) => entry.inputTokens)).toEqual([100, 101, 102, 103]);
        expect(await store.usage.query({ keyId: 'key_beta', since: record('key_beta', 8).timestamp, until: record('key_beta', 8).timestamp })).toEqual([]);
      });

      it('keeps every field of a record and finds it by request id', async () => {
        expect(await store.usage.findByRequestId('req_key_alpha_100')).toEqual(full);
        expect(await store.usage.findByRequestId('req_key_beta_003')).toEqual(record('key_beta', 3));
        expect(await store.usage.findByRequestId('req_missing')).toBeUndefined();
      });

      it('leaves out expired records in both readers', async () => {
        const old = record('key_delta', 0);
        const recent = record('key_delta', 1);
        clock = usageStart;
        await store.usage.writeBatch([old]);
        clock = usageStart + 60 * day;
        await store.usage.writeBatch([recent]);

        clock = usageStart + 89 * day;
        expect((await store.usage.query({ keyId: 'key_delta' })).map((entry) => entry.requestId)).toEqual([old.requestId, recent.requestId]);
        clock = usageStart + 91 * day;
        expect(await store.usage.query({ keyId: 'key_delta' })).toEqual([recent]);
        expect(await store.usage.findByRequestId(old.requestId)).toBeUndefined();
        expect(await store.usage.findByRequestId(recent.requestId)).toEqual(recent);
      });
    });

    describe('model mappings', () => {
      it('puts, gets, lists and deletes mappings', async () => {
        clock = start;
        const sonnet = await store.modelMappings.put({
          anthropicModelId: 'claude-sonnet-4-5',
          bedrockModelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
          api: 'converse',
          displayName: 'Sonnet (EU)',
        });
        expect(sonnet).toEqual({
          anthropicModelId: 'claude-sonnet-4-5',
          bedrockModelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
          api: 'converse',
          displayName: 'Sonnet (EU)',
          updatedAt: new Date(start).toISOString(),
        });
        tick();
        const haiku = await store.modelMappings.put({ anthropicModelId: 'claude-haiku-4-5', bedrockModelId: 'anthropic.claude-haiku-4-5-v1:0', api: 'auto' });
        expect(await store.modelMappings.get('claude-sonnet-4-5')).toEqual(sonnet);
        expect(await store.modelMappings.get('claude-unknown')).toBeUndefined();
        expect(await store.modelMappings.list()).toEqual([haiku, sonnet]);

        tick();
        const replaced = await store.modelMappings.put({ anthropicModelId: 'claude-sonnet-4-5', bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', api: 'invoke' });
        expect(await store.modelMappings.get('claude-sonnet-4-5')).toEqual(replaced);
        expect(replaced.displayName).toBeUndefined();

        expect(await store.modelMappings.delete('claude-haiku-4-5')).toBe(true);
        expect(await store.modelMappings.delete('claude-haiku-4-5')).toBe(false);
        expect(await store.modelMappings.list()).toEqual([replaced]);
      });
    });

    describe('response cache', () => {
      it('returns an entry until it expires', async () => {
        clock = start;
        const entry = {
          cacheKey: 'c0ffee',
          response: '{"type":"message","content":[]}',
          createdAt: new Date(start).toISOString(),
          expiresAt: Math.floor(start / 1000) + 3600,
        };
        await store.responseCache.put(entry);
        expect(await store.responseCache.get('c0ffee')).toEqual(entry);
        expect(await store.responseCache.get('missing')).toBeUndefined();
        clock = start + 3599_000;
        expect(await store.responseCache.get('c0ffee')).toEqual(entry);
        clock = start + 3600_000;
        expect(await store.responseCache.get('c0ffee')).toBeUndefined();
      });
    });
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
