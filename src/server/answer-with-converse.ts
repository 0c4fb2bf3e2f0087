import { isAnthropicBedrockModel } from '../bedrock/model-ids.js';
import { convertConverseResponse } from '../convert/convert-converse-response.js';
import { convertRequestToConverse } from '../convert/convert-request-to-converse.js';
import { createStreamTranslator } from '../convert/create-stream-translator.js';
import { sendBedrockStream, type AnswerOptions, type MessageCall } from './message-route-context.js';
import { sendJson } from './respond.js';
import { recordReportedUsage } from './usage-draft.js';
import { withRetries } from './with-retries.js';

/** Any Bedrock model, through Converse / ConverseStream with the full translation. */
export async function answerWithConverse(call: MessageCall, options: AnswerOptions): Promise<void> {
  const { context, request } = call;
  const conversion = convertRequestToConverse(request, {
    bedrockModelId: call.bedrockModelId,
    anthropicModel: isAnthropicBedrockModel(call.bedrockModelId),
    anthropicVersion: call.anthropicVersion,
    betas: call.betas,
    features: options.features,
    guardrail: call.guardrail,
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
  const bedrockCall = { modelId: call.bedrockModelId, body: conversion.value.body, signal: context.cancelled };

  if (context.usage.stream) {
    const upstream = await withRetries(() => options.bedrock.converseStream(bedrockCall), options.retry, context.cancelled);
    context.usage.measureInput = () => JSON.stringify(conversion.value.body).length;
    await sendBedrockStream({ call, answer: options, bedrockRequestId: upstream.requestId, itemBatches: upstream.eventBatches, stepper: createStreamTranslator(responseContext) });
    return;
  }
  const result = await withRetries(() => options.bedrock.converse(bedrockCall), options.retry, context.cancelled);
  const message = convertConverseResponse(result.output, responseContext);
  recordReportedUsage(context.usage, message.usage);
  call.keepAnswer?.(message);
  sendJson(context.response, 200, message, { 'x-bedrock-request-id': result.requestId });
}
