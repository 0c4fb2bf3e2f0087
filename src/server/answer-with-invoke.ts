import { buildNativeInvokeBody } from '../convert/native/build-native-invoke-body.js';
import { convertNativeResponse } from '../convert/native/convert-native-response.js';
import { createNativeStreamRelay } from '../convert/native/create-native-stream-relay.js';
import { sendBedrockStream, type AnswerOptions, type MessageCall } from './message-route-context.js';
import { sendJson } from './respond.js';
import { recordReportedUsage } from './usage-draft.js';
import { withRetries } from './with-retries.js';

/** Claude through InvokeModel with the native Anthropic body: near-verbatim, sanitised for Bedrock. */
export async function answerWithInvoke(call: MessageCall, options: AnswerOptions): Promise<void> {
  const { context, request } = call;
  const conversion = buildNativeInvokeBody(request, { anthropicVersion: call.anthropicVersion, betas: call.betas, features: options.features });
  if (conversion.value.removed.length > 0) {
    options.logger.debug('request sanitised for InvokeModel', { requestId: context.requestId, removed: conversion.value.removed });
  }
  if (conversion.warnings.length > 0) {
    options.logger.info('request adapted for Bedrock', { requestId: context.requestId, warnings: conversion.warnings });
  }
  const bedrockCall = { modelId: call.bedrockModelId, body: conversion.value.body, guardrail: call.guardrail, signal: context.cancelled };

  if (context.usage.stream) {
    const upstream = await withRetries(() => options.bedrock.invokeStream(bedrockCall), options.retry, context.cancelled);
    context.usage.measureInput = () => JSON.stringify(conversion.value.body).length;
    await sendBedrockStream({ call, answer: options, bedrockRequestId: upstream.requestId, itemBatches: upstream.eventBatches, stepper: createNativeStreamRelay({ model: request.model }) });
    return;
  }
  const result = await withRetries(() => options.bedrock.invoke(bedrockCall), options.retry, context.cancelled);
  const message = convertNativeResponse(result.output, { model: request.model });
  recordReportedUsage(context.usage, message.usage);
  call.keepAnswer?.(message);
  sendJson(context.response, 200, message, { 'x-bedrock-request-id': result.requestId });
}
