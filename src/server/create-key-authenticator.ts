import { createHash, timingSafeEqual } from 'node:crypto';
import { ProxyError } from '../errors.js';
import type { ApiKeyStore, KeyLimits, KeyOptions } from '../store/types.js';

/** Who is calling: a stored API key, the master key, or anyone (authentication off). */
export interface ClientIdentity {
  kind: 'api-key' | 'master' | 'anonymous';
  /** The key's public id; `master` or `anonymous` otherwise. Never the secret. */
  keyId: string;
  name?: string;
  userId?: string;
  limits?: KeyLimits;
  /** A stored key's own response-cache and guardrail choices. */
  options?: KeyOptions;
}

export interface KeyAuthenticatorOptions {
  apiKeys: ApiKeyStore;
  masterKey: string | undefined;
  /** How long a validated (or refused) key is trusted without asking the store again. */
  cacheTtlMs: number;
  /**
   * While the store cannot be reached, a key validated less than this long ago keeps working from
   * memory (keys not seen recently are refused with 503, never let in). Default: no grace.
   */
  outageGraceMs?: number;
  now?: () => number;
  /** Called when the store could not record `last_used_at`; the request goes on. */
  onTouchError?: (error: unknown) => void;
}

export type KeyAuthenticator = (key: string) => Promise<ClientIdentity | undefined>;

/** Secrets the proxy issues: anything else is refused without a store lookup. */
const issuedKeyPattern = /^sk-proxy-[A-Za-z0-9]{43}$/;
const maximumCachedKeys = 10_000;
const touchIntervalMs = 5 * 60_000;

interface CachedVerdict {
  identity: ClientIdentity | undefined;
  /** When the store last confirmed this verdict. */
  checkedAt: number;
}

/**
 * Validates client keys: the master key (constant-time), then stored keys by SHA-256, cached for
 * `cacheTtlMs` so the store sees at most one lookup per key per window. A key disabled or deleted
 * in the store is therefore refused within `cacheTtlMs`.
 */
export function createKeyAuthenticator(options: KeyAuthenticatorOptions): KeyAuthenticator {
  const now = options.now ?? Date.now;
  const masterDigest = options.masterKey === undefined ? undefined : sha256(options.masterKey);
  const verdicts = new Map<string, CachedVerdict>();
  const lookups = new Map<string, Promise<ClientIdentity | undefined>>();
  const touchedAt = new Map<string, number>();

  async function lookUp(keyHash: string): Promise<ClientIdentity | undefined> {
    let record;
    try {
      record = await options.apiKeys.findByHash(keyHash);
    } catch (error) {
      const known = verdicts.get(keyHash);
      if (known?.identity !== undefined && now() - known.checkedAt < (options.outageGraceMs ?? 0)) return known.identity;
      throw new ProxyError('STORE_UNAVAILABLE', 'The key store is unavailable; try again shortly', { cause: error });
    }
    const identity: ClientIdentity | undefined = record?.isActive
      ? { kind: 'api-key', keyId: record.id, name: record.name, userId: record.userId, limits: limitsOf(record), ...optionsOf(record) }
      : undefined;
    remember(keyHash, identity);
    return identity;
  }

  function remember(keyHash: string, identity: ClientIdentity | undefined): void {
    if (verdicts.size >= maximumCachedKeys) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.delete(keyHash);
    verdicts.set(keyHash, { identity, checkedAt: now() });
  }

  function touch(keyHash: string): void {
    const last = touchedAt.get(keyHash);
    if (last !== undefined && now() - last < touchIntervalMs) return;
    if (touchedAt.size >= maximumCachedKeys) touchedAt.clear();
    touchedAt.set(keyHash, now());
    options.apiKeys.touch(keyHash, new Date(now())).catch((error: unknown) => options.onTouchError?.(error));
  }

  return async (key) => {
    const digest = sha256(key);
    if (masterDigest !== undefined && timingSafeEqual(digest, masterDigest)) return { kind: 'master', keyId: 'master' };
    if (!issuedKeyPattern.test(key)) return undefined;
    const keyHash = digest.toString('hex');
    const cached = verdicts.get(keyHash);
    let identity: ClientIdentity | undefined;
    if (cached !== undefined && now() - cached.checkedAt < options.cacheTtlMs) {
      identity = cached.identity;
    } else {
      let pending = lookups.get(keyHash);
      if (pending === undefined) {
        pending = lookUp(keyHash).finally(() => lookups.delete(keyHash));
        lookups.set(keyHash, pending);
      }
      identity = await pending;
    }
    if (identity !== undefined) touch(keyHash);
    return identity;
  };
}

function limitsOf(record: KeyLimits): KeyLimits {
  const limits: KeyLimits = {};
  if (record.rateLimit !== undefined) limits.rateLimit = record.rateLimit;
  if (record.tokensPerMinute !== undefined) limits.tokensPerMinute = record.tokensPerMinute;
  if (record.inputTokensPerMinute !== undefined) limits.inputTokensPerMinute = record.inputTokensPerMinute;
  if (record.outputTokensPerMinute !== undefined) limits.outputTokensPerMinute = record.outputTokensPerMinute;
  return limits;
}

/** Only the options the key sets, and no `options` at all when it sets none. */
function optionsOf(record: KeyOptions): { options?: KeyOptions } {
  const options: KeyOptions = {};
  if (record.responseCache !== undefined) options.responseCache = record.responseCache;
  if (record.guardrail !== undefined) options.guardrail = record.guardrail;
  return Object.keys(options).length === 0 ? {} : { options };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
