import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedRateLimiter } from '../../src/limits/create-shared-rate-limiter.js';
import type { Admission, KeyRateLimits, RateLimiter } from '../../src/limits/types.js';
import { localCredentials } from '../../src/store/create-dynamodb-client.js';
import { openStore, type OpenedStore, type StoreLocation } from '../../src/store/open-store.js';
import { setupTables } from '../../src/store/setup-tables.js';
import { resolveTableNames } from '../../src/store/table-names.js';
import { dynamoDbLocalUrl } from '../support/dynamodb-local.js';

interface Engine {
  name: string;
  unavailable: string | undefined;
  location: () => Promise<StoreLocation>;
}

const localUrl = dynamoDbLocalUrl();
const temporaryDirectories: string[] = [];

const engines: Engine[] = [
  {
    name: 'embedded engine',
    unavailable: undefined,
    location: async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'proxy-limits-shared-'));
      temporaryDirectories.push(dataDir);
      return { kind: 'embedded', dataDir };
    },
  },
  {
    name: 'DynamoDB Local',
    unavailable: localUrl === undefined ? 'skipped: DynamoDB Local is not running for this test run' : undefined,
    location: async () => ({ kind: 'endpoint', endpoint: localUrl ?? '', region: 'us-east-1' }),
  },
];

afterAll(async () => {
  for (const directory of temporaryDirectories) await rm(directory, { recursive: true, force: true });
});

/** Ten seconds into a window, on a clock that does not move: the whole test happens in one window. */
const windowStart = Date.parse('2030-01-01T00:01:00.000Z');
const now = () => windowStart + 10_000;
const perMinute = (limit: number): KeyRateLimits => ({ requests: { limit, windowSeconds: 60 } });
const admittedCount = (admissions: Admission[]) => admissions.filter((admission) => admission.allowed).length;

/** The same client with its calls counted. */
function countCalls(client: DynamoDBClient): { client: DynamoDBClient; calls: () => number } {
  let calls = 0;
  const counted = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
      return (...args: Parameters<DynamoDBClient['send']>) => {
        calls += 1;
        return target.send(...args);
      };
    },
  });
  return { client: counted, calls: () => calls };
}

describe.each(engines)('the shared rate limiter on the $name', (engine) => {
  describe.skipIf(engine.unavailable !== undefined)(engine.unavailable ?? 'two processes, one table', () => {
    const tables = resolveTableNames({ prefix: `limits-${randomUUID().slice(0, 8)}-` });
    let store: OpenedStore;
    const limiters: RateLimiter[] = [];
    const shared = (client: DynamoDBClient, onStoreError?: (error: unknown) => void) => {
      const limiter = createSharedRateLimiter({ client, table: tables.rateLimits, now, ...(onStoreError === undefined ? {} : { onStoreError }) });
      limiters.push(limiter);
      return limiter;
    };
    const storedCount = async (limitKey: string) => {
      const result = await store.client.send(new GetItemCommand({ TableName: tables.rateLimits, Key: { limit_key: { S: limitKey } }, ConsistentRead: true }));
      return result.Item === undefined ? undefined : { count: Number(result.Item['count']?.N), expiresAt: Number(result.Item['expires_at']?.N) };
    };

    beforeAll(async () => {
      store = await openStore({ location: await engine.location(), tables, usageTtlDays: 90, role: 'client' });
      await setupTables({ client: store.client, tables, pollIntervalMs: 50 });
    });
    afterAll(async () => {
      for (const limiter of limiters) await limiter.close();
      await store?.close();
    });

    it('admits no more than the limit out of 400 concurrent requests split over two processes, with few DynamoDB calls', async () => {
      const keyId = `key_${randomUUID().slice(0, 12)}`;
      const counted = countCalls(store.client);
      const first = shared(counted.client);
      const second = shared(counted.client);
      const admit = (limiter: RateLimiter) => limiter.admit({ keyId, limits: perMinute(40), estimatedInputTokens: 0 });
      const admissions = await Promise.all(Array.from({ length: 400 }, (_, index) => admit(index % 2 === 0 ? first : second)));
      const admitted = admittedCount(admissions);
      // Tolerance 0 for requests within a window; each process may hold at most c - 1 = 3 unspent.
      expect(admitted).toBeLessThanOrEqual(40);
      expect(admitted).toBeGreaterThanOrEqual(40 - 2 * 3);
      expect(counted.calls()).toBeLessThanOrEqual(24);
      expect(await storedCount(`${keyId}#requests#${windowStart / 1000}`)).toEqual({ count: 40, expiresAt: windowStart / 1000 + 120 });
      const refusal = admissions.find((admission) => !admission.allowed);
      expect(refusal).toMatchObject({ allowed: false, exceeded: 'requests' });
    });

    it('falls back to the local buckets when its DynamoDB is unreachable, and reports the error', async () => {
      const keyId = `key_${randomUUID().slice(0, 12)}`;
      const unreachable = new DynamoDBClient({ endpoint: 'http://127.0.0.1:1', region: 'us-east-1', credentials: localCredentials, maxAttempts: 1 });
      const errors: unknown[] = [];
      const third = shared(unreachable, (error) => errors.push(error));
      try {
        const admissions = await Promise.all(Array.from({ length: 50 }, () => third.admit({ keyId, limits: perMinute(40), estimatedInputTokens: 0 })));
        expect(admittedCount(admissions)).toBe(40);
        expect(errors).toHaveLength(1);
        expect(String(errors[0])).toContain('ECONNREFUSED');
      } finally {
        unreachable.destroy();
      }
    });

    it('adds settled shortfalls and output to the counter item', async () => {
      const keyId = `key_${randomUUID().slice(0, 12)}`;
      const limiter = shared(store.client);
      const limits: KeyRateLimits = { tokensPerMinute: 1000 };
      const admission = await limiter.admit({ keyId, limits, estimatedInputTokens: 50 });
      if (!admission.allowed) throw new Error(admission.message);
      expect(await storedCount(`${keyId}#tokens#${windowStart / 1000}`)).toMatchObject({ count: 100 });
      limiter.settle(admission.ticket, { inputTokens: 400, outputTokens: 330 });
      await limiter.close();
      expect(await storedCount(`${keyId}#tokens#${windowStart / 1000}`)).toMatchObject({ count: 730 });
    });
  });
});
