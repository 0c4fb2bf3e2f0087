import { parseMessagesRequest, type MessagesRequest } from '../anthropic/request-schema.js';
import type { AnthropicStreamEvent } from '../anthropic/types.js';
import { isAnthropicBedrockModel } from '../bedrock/model-ids.js';
import type { BedrockRuntime, ConverseStreamEvent } from '../bedrock/types.js';
import { convertConverseResponse } from '../convert/convert-converse-response.js';
import { convertRequestToConverse } from '../convert/convert-request-to-converse.js';
import { createStreamTranslator, type StreamTranslator } from '../convert/create-stream-translator.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import type { Logger } from '../logger.js';
import { admitRequest, type RequestAdmission } from './admit-request.js';
import { readAnthropicVersion, readBetas, type AnthropicVersion } from './anthropic-headers.js';
import type { ModelResolver } from './create-model-resolver.js';
import type { IdSource } from './ids.js';
import type { RequestContext } from './request-context.js';
import { asProxyError, sendJson } from './respond.js';
import { streamSse } from './stream-sse.js';
import { observeStreamEvents, recordReportedUsage, tokensSpent, type UsageDraft } from './usage-draft.js';

export interface MessagesRouteOptions {
  bedrock: BedrockRuntime;
  /** Rate limits of stored API keys; absent when rate limiting is off. */
  admission?: RequestAdmission;
  features: FeatureFlags;
  resolveModel: ModelResolver;
  ids: IdSource;
  logger: Logger;
  pingIntervalMs: number;
}

/** POST /v1/messages: validate, convert, call Converse or ConverseStream, answer as Anthropic does. */
export function createMessagesHandler(options: MessagesRouteOptions): (context: RequestContext) => Promise<void> {
  return async (context) => {
    const { usage } = context;
    const anthropicVersion = readAnthropicVersion(context.request);
    const request = parseMessagesRequest(context.body);
    usage.model = request.model;
    usage.stream = request.stream === true;
    const ticket = await admitRequest(context, request, options.admission);
    try {
      await answer(context, request, anthropicVersion);
    } finally {
      if (ticket !== undefined) {
        const spent = tokensSpent(usage);
        options.admission?.limiter.settle(ticket, { inputTokens: spent.inputTokens + usage.cacheWriteInputTokens, outputTokens: spent.outputTokens });
      }
    }
  };

  async function answer(context: RequestContext, request: MessagesRequest, anthropicVersion: AnthropicVersion): Promise<void> {
    const { usage } = context;
    const resolved = await options.resolveModel(request.model);
    usage.bedrockModelId = resolved.bedrockModelId;
    usage.api = 'converse';
    const conversion = convertRequestToConverse(request, {
      bedrockModelId: resolved.bedrockModelId,
      anthropicModel: isAnthropicBedrockModel(resolved.bedrockModelId),
      anthropicVersion,
      betas: readBetas(context.request),
      features: options.features,
    });
    if (conversion.warnings.length > 0) {
      options.logger.info('request adapted for Bedrock', { requestId: context.requestId, warnings: conversion.warnings });
    }
    const responseContext = {
      model: request.model,
      messageId: options.ids.messageId(),
      toolNames: conversion.value.toolNames,
      stopSequences: request.stop_sequences ?? [],
    };
    const call = { modelId: resolved.bedrockModelId, body: conversion.value.body, signal: context.clientGone };

    if (usage.stream) {
      const upstream = await options.bedrock.converseStream(call);
      usage.streamStarted = true;
      usage.measureInput = () => JSON.stringify(conversion.value.body).length;
      await streamSse({
        response: context.response,
        headers: { 'x-bedrock-request-id': upstream.requestId },
        events: translate(upstream.events, createStreamTranslator(responseContext), usage),
        pingIntervalMs: options.pingIntervalMs,
        onError: (error) => {
          usage.errorType = asProxyError(error).type;
          options.logger.warn('stream ended with an error', { requestId: context.requestId, error: error instanceof Error ? error.message : String(error) });
        },
      });
      return;
    }
    const result = await options.bedrock.converse(call);
    const message = convertConverseResponse(result.output, responseContext);
    recordReportedUsage(usage, message.usage);
    sendJson(context.response, 200, message, { 'x-bedrock-request-id': result.requestId });
  }
}

async function* translate(
  events: AsyncIterable<ConverseStreamEvent>,
  translator: StreamTranslator,
  usage: UsageDraft,
): AsyncGenerator<AnthropicStreamEvent[]> {
  for await (const event of events) {
    const batch = translator.push(event);
    observeStreamEvents(usage, batch);
    yield batch;
  }
  const last = translator.finish();
  observeStreamEvents(usage, last);
  yield last;
}
