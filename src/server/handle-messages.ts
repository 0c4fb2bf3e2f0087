import { parseMessagesRequest } from '../anthropic/request-schema.js';
import type { AnthropicStreamEvent } from '../anthropic/types.js';
import { isAnthropicBedrockModel, resolveBedrockModelId, type GeoPrefix } from '../bedrock/model-ids.js';
import type { BedrockRuntime, ConverseStreamEvent } from '../bedrock/types.js';
import { convertConverseResponse } from '../convert/convert-converse-response.js';
import { convertRequestToConverse } from '../convert/convert-request-to-converse.js';
import { createStreamTranslator, type StreamTranslator } from '../convert/create-stream-translator.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import type { Logger } from '../logger.js';
import { readAnthropicVersion, readBetas } from './anthropic-headers.js';
import type { IdSource } from './ids.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './respond.js';
import { streamSse } from './stream-sse.js';

export interface MessagesRouteOptions {
  bedrock: BedrockRuntime;
  features: FeatureFlags;
  geoPrefix: GeoPrefix;
  ids: IdSource;
  logger: Logger;
  pingIntervalMs: number;
}

/** POST /v1/messages: validate, convert, call Converse or ConverseStream, answer as Anthropic does. */
export function createMessagesHandler(options: MessagesRouteOptions): (context: RequestContext) => Promise<void> {
  return async (context) => {
    const anthropicVersion = readAnthropicVersion(context.request);
    const request = parseMessagesRequest(context.body);
    context.model = request.model;
    const bedrockModelId = resolveBedrockModelId(request.model, { geoPrefix: options.geoPrefix });
    const conversion = convertRequestToConverse(request, {
      bedrockModelId,
      anthropicModel: isAnthropicBedrockModel(bedrockModelId),
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
    const call = { modelId: bedrockModelId, body: conversion.value.body, signal: context.clientGone };

    if (request.stream === true) {
      const upstream = await options.bedrock.converseStream(call);
      await streamSse({
        response: context.response,
        headers: { 'x-bedrock-request-id': upstream.requestId },
        events: translate(upstream.events, createStreamTranslator(responseContext)),
        pingIntervalMs: options.pingIntervalMs,
        onError: (error) => options.logger.warn('stream ended with an error', { requestId: context.requestId, error: describe(error) }),
      });
      return;
    }
    const result = await options.bedrock.converse(call);
    const message = convertConverseResponse(result.output, responseContext);
    sendJson(context.response, 200, message, { 'x-bedrock-request-id': result.requestId });
  };
}

async function* translate(events: AsyncIterable<ConverseStreamEvent>, translator: StreamTranslator): AsyncGenerator<AnthropicStreamEvent[]> {
  for await (const event of events) yield translator.push(event);
  yield translator.finish();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
