import { parseMessagesRequest } from '../anthropic/request-schema.js';
import { isAnthropicBedrockModel } from '../bedrock/model-ids.js';
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
import { tokensSpent } from './usage-draft.js';

export interface MessagesRouteOptions extends AnswerOptions {
  resolveModel: ModelResolver;
  /** The API for Claude models when their mapping says `auto` (CLAUDE_API). */
  claudeApi: BedrockApi;
  /** Rate limits of stored API keys; absent when rate limiting is off. */
  admission?: RequestAdmission;
  /** Open streams per stored API key (MAX_STREAMS_PER_KEY); absent for no limit. */
  streamSlots?: { take(keyId: string): () => void };
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
      const request = options.fetchUrl === undefined ? parsed : await inlineUrlSources(parsed, options.fetchUrl);
      const resolved = await options.resolveModel(request.model);
      const api = chooseBedrockApi(resolved, { claudeApi: options.claudeApi, anthropicModel: isAnthropicBedrockModel(resolved.bedrockModelId) });
      usage.bedrockModelId = resolved.bedrockModelId;
      usage.api = api;
      const call = { context, request, bedrockModelId: resolved.bedrockModelId, anthropicVersion, betas: readBetas(context.request) };
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
