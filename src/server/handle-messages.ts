import { parseMessagesRequest } from '../anthropic/request-schema.js';
import { isAnthropicBedrockModel } from '../bedrock/model-ids.js';
import type { GuardrailSettings } from '../bedrock/types.js';
import { inlineUrlSources } from '../fetch/index.js';
import type { BedrockApi } from '../store/types.js';
import { admitRequest, type RequestAdmission } from './admit-request.js';
import { readAnthropicVersion, readBetas } from './anthropic-headers.js';
import { answerWithConverse } from './answer-with-converse.js';
import { answerWithInvoke } from './answer-with-invoke.js';
import { chooseBedrockApi } from './choose-bedrock-api.js';
import type { ModelResolver } from './create-model-resolver.js';
import type { AnswerOptions } from './message-route-context.js';
import type { RequestContext } from './request-context.js';
import { answerFromCache, lookUpCache } from './answer-from-cache.js';
import type { ResponseCache } from './response-cache.js';
import { tokensSpent } from './usage-draft.js';

export interface MessagesRouteOptions extends AnswerOptions {
  resolveModel: ModelResolver;
  /** The API for Claude models when their mapping says `auto` (CLAUDE_API). */
  claudeApi: BedrockApi;
  /** Rate limits of stored API keys; absent when rate limiting is off. */
  admission?: RequestAdmission;
  /** Open streams per stored API key (MAX_STREAMS_PER_KEY); absent for no limit. */
  streamSlots?: { take(keyId: string): () => void };
  /** RESPONSE_CACHE; absent when off. */
  responseCache?: ResponseCache;
  /** GUARDRAIL_ID / GUARDRAIL_VERSION / GUARDRAIL_TRACE; a key's own guardrail replaces it. */
  guardrail?: GuardrailSettings;
}

/** POST /v1/messages: validate, apply rate limits, pick the Bedrock API, answer as Anthropic does. */
export function createMessagesHandler(options: MessagesRouteOptions): (context: RequestContext) => Promise<void> {
  return async (context) => {
    const { usage } = context;
    const anthropicVersion = readAnthropicVersion(context.request);
    const parsed = parseMessagesRequest(context.body);
    usage.model = parsed.model;
    usage.stream = parsed.stream === true;
    const ticket = await admitRequest(context, parsed, options.admission);
    let releaseSlot: (() => void) | undefined;
    try {
      if (usage.stream && context.identity?.kind === 'api-key') releaseSlot = options.streamSlots?.take(context.identity.keyId);
      const resolved = await options.resolveModel(parsed.model);
      const api = chooseBedrockApi(resolved, { claudeApi: options.claudeApi, anthropicModel: isAnthropicBedrockModel(resolved.bedrockModelId) });
      usage.bedrockModelId = resolved.bedrockModelId;
      const betas = readBetas(context.request);
      const guardrail = context.identity?.options?.guardrail ?? options.guardrail;
      const cached = await lookUpCache(context, { request: parsed, betas, answeredBy: answeredBy(resolved.bedrockModelId, api, guardrail) }, options);
      if (cached.outcome === 'hit') return await answerFromCache(context, cached.message, options);
      usage.api = api;
      const request = options.fetchUrl === undefined ? parsed : await inlineUrlSources(parsed, options.fetchUrl);
      const keepAnswer = cached.outcome === 'miss' ? cached.keep : undefined;
      const call = { context, request, bedrockModelId: resolved.bedrockModelId, anthropicVersion, betas, guardrail, keepAnswer };
      await (api === 'invoke' ? answerWithInvoke(call, options) : answerWithConverse(call, options));
    } finally {
      releaseSlot?.();
      if (ticket !== undefined) {
        const spent = tokensSpent(usage);
        options.admission?.limiter.settle(ticket, { inputTokens: spent.inputTokens + usage.cacheWriteInputTokens, outputTokens: spent.outputTokens });
      }
    }
  };
}

/** What produces the answer: a cached answer is only reused while all of it stays the same. */
function answeredBy(bedrockModelId: string, api: BedrockApi, guardrail: GuardrailSettings | undefined): string {
  const guard = guardrail === undefined ? 'no guardrail' : `guardrail ${guardrail.identifier}:${guardrail.version}`;
  return `${bedrockModelId} via ${api}, ${guard}`;
}
