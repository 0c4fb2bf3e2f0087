import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/errors.js';
import { requireApiKey } from '../../src/server/authenticate.js';
import { createKeyAuthenticator } from '../../src/server/create-key-authenticator.js';
import type { ApiKeyRecord, ApiKeyStore } from '../../src/store/types.js';

const secret = `sk-proxy-${'a'.repeat(43)}`;
const hash = createHash('sha256').update(secret).digest('hex');

/** A stand-in key table that counts lookups; the store itself is tested against real engines elsewhere. */
function fakeKeys(records: ApiKeyRecord[], failing = false) {
  const lookups: string[] = [];
  const touches: string[] = [];
  const store: Pick<ApiKeyStore, 'findByHash' | 'touch'> = {
    findByHash: async (keyHash) => {
      lookups.push(keyHash);
      if (failing) throw new Error('connection refused');
      return records.find((record) => record.keyHash === keyHash);
    },
    touch: async (keyHash) => {
      touches.push(keyHash);
    },
  };
  return { store: store as ApiKeyStore, lookups, touches };
}

const record: ApiKeyRecord = {
  keyHash: hash,
  id: 'key_abc',
  prefix: secret.slice(0, 16),
  userId: 'ada',
  name: 'laptop',
  isActive: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  rateLimit: 60,
};

describe('the key authenticator', () => {
  it('accepts the master key without asking the store', async () => {
    const keys = fakeKeys([]);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: 'sk-master-key', cacheTtlMs: 1000 });
    expect(await authenticate('sk-master-key')).toEqual({ kind: 'master', keyId: 'master' });
    expect(keys.lookups).toEqual([]);
  });

  it.each(['sk-master-kez', 'sk-proxy-short', `${secret}x`, '', 'x'.repeat(10_000)])('refuses %s without a store lookup when it is not a key we issue', async (key) => {
    const keys = fakeKeys([record]);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: 'sk-master-key', cacheTtlMs: 1000 });
    expect(await authenticate(key)).toBeUndefined();
    expect(keys.lookups).toEqual([]);
  });

  it('finds a stored key by its hash and returns its identity and limits, never the secret', async () => {
    const keys = fakeKeys([record]);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: undefined, cacheTtlMs: 1000 });
    const identity = await authenticate(secret);
    expect(identity).toEqual({ kind: 'api-key', keyId: 'key_abc', name: 'laptop', userId: 'ada', limits: { rateLimit: 60 } });
    expect(JSON.stringify(identity)).not.toContain(secret);
    expect(keys.lookups).toEqual([hash]);
  });

  it.each<[string, Partial<ApiKeyRecord>, unknown]>([
    ['no options', {}, undefined],
    ['the response cache off', { responseCache: false }, { responseCache: false }],
    ['the response cache on', { responseCache: true }, { responseCache: true }],
    ['a guardrail', { guardrail: { identifier: 'gr0abc123', version: '2' } }, { guardrail: { identifier: 'gr0abc123', version: '2' } }],
    [
      'both',
      { responseCache: false, guardrail: { identifier: 'gr0abc123', version: 'DRAFT', trace: 'enabled_full' } },
      { responseCache: false, guardrail: { identifier: 'gr0abc123', version: 'DRAFT', trace: 'enabled_full' } },
    ],
  ])('carries the options of a key with %s into its identity', async (_title, options, expected) => {
    const authenticate = createKeyAuthenticator({ apiKeys: fakeKeys([{ ...record, ...options }]).store, masterKey: undefined, cacheTtlMs: 1000 });
    const identity = await authenticate(secret);
    expect(identity?.options).toEqual(expected);
    expect(identity !== undefined && 'options' in identity).toBe(expected !== undefined);
  });

  it('refuses a disabled key', async () => {
    const keys = fakeKeys([{ ...record, isActive: false }]);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: undefined, cacheTtlMs: 1000 });
    expect(await authenticate(secret)).toBeUndefined();
  });

  it('asks the store once per key per cache window, so a revocation takes effect within the window', async () => {
    let now = 0;
    const records = [record];
    const keys = fakeKeys(records);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: undefined, cacheTtlMs: 30_000, now: () => now });
    await Promise.all([authenticate(secret), authenticate(secret), authenticate(secret)]);
    now = 29_999;
    expect(await authenticate(secret)).toBeDefined();
    expect(keys.lookups).toHaveLength(1);
    records[0] = { ...record, isActive: false };
    now = 30_000;
    expect(await authenticate(secret)).toBeUndefined();
    expect(keys.lookups).toHaveLength(2);
  });

  it('records last use at most once every five minutes per key', async () => {
    let now = 0;
    const keys = fakeKeys([record]);
    const authenticate = createKeyAuthenticator({ apiKeys: keys.store, masterKey: undefined, cacheTtlMs: 1000, now: () => now });
    await authenticate(secret);
    now = 60_000;
    await authenticate(secret);
    now = 5 * 60_000;
    await authenticate(secret);
    expect(keys.touches).toEqual([hash, hash]);
  });

  it('answers 503 when the store cannot be reached, and 401 for a missing or wrong key', async () => {
    const authenticate = createKeyAuthenticator({ apiKeys: fakeKeys([record], true).store, masterKey: undefined, cacheTtlMs: 1000 });
    const unavailable = await requireApiKey({ 'x-api-key': secret }, authenticate).catch((error: unknown) => error);
    expect(unavailable).toBeInstanceOf(ProxyError);
    expect((unavailable as ProxyError).status).toBe(503);
    await expect(requireApiKey({}, authenticate)).rejects.toThrow(/Missing API key/);
    await expect(requireApiKey({ authorization: 'Bearer nope' }, authenticate)).rejects.toThrow('invalid x-api-key');
  });

  it('keeps a recently validated key working while the store is down, for the outage grace only', async () => {
    let now = 0;
    let down = false;
    const store = {
      findByHash: async () => {
        if (down) throw new Error('connection refused');
        return record;
      },
      touch: async () => {},
    } as unknown as ApiKeyStore;
    const authenticate = createKeyAuthenticator({ apiKeys: store, masterKey: undefined, cacheTtlMs: 30_000, outageGraceMs: 900_000, now: () => now });
    expect(await authenticate(secret)).toBeDefined();
    down = true;
    now = 60_000;
    expect((await authenticate(secret))?.keyId).toBe('key_abc');
    now = 900_000;
    await expect(authenticate(secret)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
    const unknown = `sk-proxy-${'b'.repeat(43)}`;
    await expect(authenticate(unknown)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
