import type { AwsCredentialIdentity } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { memoizeCredentials } from '../../src/bedrock/memoize-credentials.js';
import { staticCredentials } from '../../src/bedrock/resolve-credentials.js';

const minute = 60_000;

function countingProvider(expirations: Array<number | undefined>) {
  const calls = { count: 0 };
  const provider = (): Promise<AwsCredentialIdentity> => {
    const expiration = expirations[calls.count];
    calls.count += 1;
    return Promise.resolve({
      accessKeyId: `KEY${calls.count}`,
      secretAccessKey: 'secret',
      ...(expiration === undefined ? {} : { expiration: new Date(expiration) }),
    });
  };
  return { provider, calls };
}

describe('memoizeCredentials', () => {
  it('loads credentials without an expiration once', async () => {
    const { provider, calls } = countingProvider([undefined]);
    const memoized = memoizeCredentials(provider, { now: () => 0 });
    for (let index = 0; index < 5; index += 1) expect((await memoized()).accessKeyId).toBe('KEY1');
    expect(calls.count).toBe(1);
  });

  it('reuses credentials until five minutes before they expire, then refreshes', async () => {
    let now = 0;
    const { provider, calls } = countingProvider([60 * minute, 120 * minute]);
    const memoized = memoizeCredentials(provider, { now: () => now });
    expect((await memoized()).accessKeyId).toBe('KEY1');
    now = 54 * minute;
    expect((await memoized()).accessKeyId).toBe('KEY1');
    now = 56 * minute;
    expect((await memoized()).accessKeyId).toBe('KEY2');
    expect((await memoized()).accessKeyId).toBe('KEY2');
    expect(calls.count).toBe(2);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    const { provider, calls } = countingProvider([60 * minute]);
    const memoized = memoizeCredentials(provider, { now: () => 0 });
    const results = await Promise.all(Array.from({ length: 10 }, () => memoized()));
    expect(new Set(results.map((credentials) => credentials.accessKeyId))).toEqual(new Set(['KEY1']));
    expect(calls.count).toBe(1);
  });

  it('keeps still-valid credentials when a refresh fails, and fails once they have expired', async () => {
    let now = 0;
    let fail = false;
    let calls = 0;
    const memoized = memoizeCredentials(
      () => {
        calls += 1;
        return fail
          ? Promise.reject(new Error('IMDS unreachable'))
          : Promise.resolve({ accessKeyId: 'KEY', secretAccessKey: 's', expiration: new Date(10 * minute) });
      },
      { now: () => now },
    );
    await memoized();
    fail = true;
    now = 7 * minute;
    expect((await memoized()).accessKeyId).toBe('KEY');
    now = 11 * minute;
    await expect(memoized()).rejects.toThrow('IMDS unreachable');
    expect(calls).toBe(3);
  });

  it('retries after a failed first load', async () => {
    let calls = 0;
    const memoized = memoizeCredentials(
      () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('no profile')) : Promise.resolve({ accessKeyId: 'A', secretAccessKey: 'B' });
      },
      { now: () => 0 },
    );
    await expect(memoized()).rejects.toThrow('no profile');
    expect((await memoized()).accessKeyId).toBe('A');
  });
});

describe('staticCredentials', () => {
  it('returns the given key pair without a session token', async () => {
    expect(await staticCredentials('AKID', 'SECRET')()).toEqual({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
  });
});
