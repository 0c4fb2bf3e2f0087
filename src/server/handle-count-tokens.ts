import { estimateInputTokens } from '../anthropic/estimate-input-tokens.js';
import { parseCountTokensRequest, type MessagesRequest } from '../anthropic/request-schema.js';
import { baseModelIdForCountTokens, isAnthropicBedrockModel } from '../bedrock/model-ids.js';
import type { BedrockRuntime, CountTokensInput } from '../bedrock/types.js';
import { convertRequestToConverse } from '../convert/convert-request-to-converse.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import { inlineUrlSources, type UrlFetcher } from '../fetch/index.js';
import { buildNativeInvokeBody } from '../convert/native/build-native-invoke-body.js';
import { converseCountTokensInput, invokeCountTokensInput } from '../convert/native/count-tokens-input.js';
import type { BedrockApi } from '../store/types.js';
import { readAnthropicVersion, readBetas } from './anthropic-headers.js';
import { chooseBedrockApi } from './choose-bedrock-api.js';
import type { ModelResolver } from './create-model-resolver.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './respond.js';

export interface CountTokensRouteOptions {
  bedrock: BedrockRuntime;
  fetchUrl?: UrlFetcher;
  features: FeatureFlags;
  resolveModel: ModelResolver;
  claudeApi: BedrockApi;
}

/**
 * POST /v1/messages/count_tokens: Bedrock's CountTokens for Claude models (with the base model id,
 * and the input the model's API would send). Models Bedrock cannot count (other providers, opaque
 * application profiles) get the proxy's own estimate; the `x-token-count-source` header says which.
 */
export function createCountTokensHandler(options: CountTokensRouteOptions): (context: RequestContext) => Promise<void> {
  return async (context) => {
    const countRequest = parseCountTokensRequest(context.body);
    // The converters take a Messages request; max_tokens does not count as input.
    const asMessages: MessagesRequest = { ...countRequest, max_tokens: 1 };
    const request = options.fetchUrl === undefined ? asMessages : await inlineUrlSources(asMessages, options.fetchUrl);
    const resolved = await options.resolveModel(request.model);
    const anthropicModel = isAnthropicBedrockModel(resolved.bedrockModelId);
    const baseModelId = anthropicModel ? baseModelIdForCountTokens(resolved.bedrockModelId) : undefined;
    const conversion = { anthropicVersion: readAnthropicVersion(context.request), betas: readBetas(context.request), features: options.features };
    if (baseModelId === undefined) {
      sendJson(context.response, 200, { input_tokens: estimateInputTokens(request) }, { 'x-token-count-source': 'estimate' });
      return;
    }
    const api = chooseBedrockApi(resolved, { claudeApi: options.claudeApi, anthropicModel });
    const input: CountTokensInput =
      api === 'invoke'
        ? invokeCountTokensInput(buildNativeInvokeBody(request, conversion).value.body)
        : converseCountTokensInput(convertRequestToConverse(request, { ...conversion, bedrockModelId: resolved.bedrockModelId, anthropicModel }).value.body);
    const result = await options.bedrock.countTokens({ modelId: baseModelId, input, signal: context.cancelled });
    sendJson(context.response, 200, { input_tokens: result.inputTokens }, { 'x-token-count-source': 'bedrock', 'x-bedrock-request-id': result.requestId });
  };
}
