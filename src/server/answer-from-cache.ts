import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { Message } from '../anthropic/types.js';
import { replayAsSse } from '../cache/replay-as-sse.js';
import { sendSse, type AnswerOptions } from './message-route-context.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './respond.js';
import { proxyCacheHeader, type CacheLookup, type ResponseCache } from './response-cache.js';

/**
 * Asks the response cache, when it is on and the caller has not opted out, and says what happened
 * in `x-proxy-cache`. Entries are shared by the keys of one user, never across users.
 */
export async function lookUpCache(
  context: RequestContext,
  input: { request: MessagesRequest; betas: string[]; answeredBy: string },
  options: { responseCache?: ResponseCache } & Pick<AnswerOptions, 'metrics'>,
): Promise<CacheLookup> {
  const cache = options.responseCache;
  if (cache === undefined) return { outcome: 'bypass' };
  const identity = context.identity;
  const lookup: CacheLookup = identity?.options?.responseCache === false
    ? { outcome: 'bypass' }
    : await cache.lookUp({
        request: input.request,
        headers: context.request.headers,
        betas: input.betas,
        bedrockModelId: input.answeredBy,
        scope: identity?.kind === 'api-key' && identity.userId !== undefined ? `user ${identity.userId}` : `key ${identity?.keyId ?? 'anonymous'}`,
      });
  options.metrics?.countCacheLookup(lookup.outcome);
  context.response.setHeader(proxyCacheHeader, lookup.outcome);
  return lookup;
}

/**
 * A cached answer under a new message id: the Message as JSON, or replayed as a complete event
 * stream. No Bedrock call is made, so the usage record carries no tokens and is marked a hit.
 */
export async function answerFromCache(context: RequestContext, cached: Message, options: Pick<AnswerOptions, 'ids' | 'pingIntervalMs' | 'metrics'>): Promise<void> {
  const { usage } = context;
  usage.cacheHit = true;
  usage.usageReported = true;
  const message: Message = { ...cached, id: options.ids.messageId() };
  if (!usage.stream) return sendJson(context.response, 200, message);
  const events = replayAsSse(message);
  await sendSse({ context, answer: options, headers: {}, events: oneBatch(events) });
}

async function* oneBatch<Item>(items: Item[]): AsyncGenerator<Item[]> {
  yield items;
}
