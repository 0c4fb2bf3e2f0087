import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { Message } from '../anthropic/types.js';
import { isCacheable } from '../cache/cacheability.js';
import { responseCacheKey } from '../cache/cache-key.js';
import type { Logger } from '../logger.js';
import type { ResponseCacheStore } from '../store/types.js';

/**
 * Sent by a client to steer the cache (`force` caches a request that is not deterministic,
 * `bypass` skips it); answered with `hit`, `miss` or `bypass`.
 */
export const proxyCacheHeader = 'x-proxy-cache';

/** DynamoDB items stop at 400 KB; larger answers are simply not cached. */
const maximumEntryBytes = 350 * 1024;

export type CacheLookup =
  | { outcome: 'bypass' }
  | { outcome: 'hit'; message: Message }
  /** `keep` stores the answer once it is complete (never awaited by the request). */
  | { outcome: 'miss'; keep: (message: Message) => void };

export interface ResponseCache {
  lookUp(input: {
    request: MessagesRequest;
    headers: IncomingHttpHeaders;
    betas: readonly string[];
    bedrockModelId: string;
    /** Whose answers these are: entries are never shared between scopes. */
    scope: string;
  }): Promise<CacheLookup>;
}

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  ttlSeconds: number;
  /** Epoch milliseconds. */
  now: () => number;
  logger: Logger;
}

/**
 * The response cache (RESPONSE_CACHE): deterministic requests (temperature 0, or forced with
 * `x-proxy-cache: force`) are answered from the cache table while the entry is younger than the
 * TTL. The key covers the canonical request, the betas, the Bedrock model it maps to and the
 * caller's scope, so a changed mapping or another tenant never receives an entry. The cache is an
 * optimisation: a store that fails is logged and the request goes to Bedrock.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const { store, logger } = options;
  /** Answers on their way to the store: a request repeated at once is a hit, not a second Bedrock call. */
  const beingStored = new Map<string, Message>();

  function keep(cacheKey: string, message: Message): void {
    const response = JSON.stringify(message);
    if (Buffer.byteLength(response) > maximumEntryBytes || beingStored.has(cacheKey)) return;
    const now = options.now();
    beingStored.set(cacheKey, message);
    store
      .put({ cacheKey, response, createdAt: new Date(now).toISOString(), expiresAt: Math.floor(now / 1000) + options.ttlSeconds })
      .catch((error: unknown) => logger.warn('response cache entry not stored', { error: String(error) }))
      .finally(() => beingStored.delete(cacheKey));
  }

  return {
    async lookUp(input) {
      const directive = headerValue(input.headers[proxyCacheHeader]);
      if (directive === 'bypass' || !isCacheable(input.request, { forced: directive === 'force' })) return { outcome: 'bypass' };
      const cacheKey = createHash('sha256')
        .update(`${input.scope}\n${input.bedrockModelId}\n${responseCacheKey(input.request, input.betas)}`)
        .digest('hex');
      const storing = beingStored.get(cacheKey);
      if (storing !== undefined) return { outcome: 'hit', message: storing };
      let entry;
      try {
        entry = await store.get(cacheKey);
      } catch (error) {
        logger.warn('response cache unavailable; asking Bedrock', { error: String(error) });
        return { outcome: 'bypass' };
      }
      const message = entry === undefined ? undefined : parseMessage(entry.response);
      if (message !== undefined) return { outcome: 'hit', message };
      return { outcome: 'miss', keep: (answer) => keep(cacheKey, answer) };
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim().toLowerCase();
}

function parseMessage(text: string): Message | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Message> | null;
    return parsed?.type === 'message' && Array.isArray(parsed.content) ? (parsed as Message) : undefined;
  } catch {
    return undefined;
  }
}
