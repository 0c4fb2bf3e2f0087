import type { MessagesRequest } from '../anthropic/request-schema.js';
import { invalidField, unsupportedField } from '../errors.js';
import type { ConverseInferenceConfig } from './converse-shapes.js';
import type { ConversionContext } from './conversion-context.js';

export interface InferencePlan {
  inferenceConfig: ConverseInferenceConfig;
  topK: number | undefined;
  /** Asks Claude on Bedrock to report which stop sequence matched (Converse drops it otherwise). */
  responseFieldPaths: string[] | undefined;
}

/** max_tokens, sampling parameters and stop sequences (spec §1.1). */
export function convertInferenceConfig(request: MessagesRequest, context: ConversionContext): InferencePlan {
  const { anthropicModel, anthropicVersion } = context.options;
  if (request.max_tokens < 1) {
    throw invalidField(['max_tokens'], 'must be at least 1 on Bedrock; max_tokens 0 (cache pre-warming) is not supported');
  }
  if (anthropicVersion === '2026-10-21') {
    for (const field of ['temperature', 'top_p', 'top_k'] as const) {
      if (request[field] !== undefined) throw invalidField([field], 'not supported with anthropic-version 2026-10-21');
    }
  }
  const inferenceConfig: ConverseInferenceConfig = { maxTokens: request.max_tokens };
  if (request.temperature !== undefined) inferenceConfig.temperature = request.temperature;
  if (request.top_p !== undefined) inferenceConfig.topP = request.top_p;
  if (request.top_k !== undefined && !anthropicModel) {
    throw unsupportedField(['top_k'], 'top_k is only supported for Claude models on Bedrock Converse');
  }
  const stopSequences = request.stop_sequences ?? [];
  stopSequences.forEach((sequence, index) => {
    if (sequence.length === 0) throw invalidField(['stop_sequences', index], 'empty stop sequences are not allowed on Bedrock');
  });
  if (stopSequences.length > 0) inferenceConfig.stopSequences = [...stopSequences];
  return {
    inferenceConfig,
    topK: request.top_k,
    responseFieldPaths: stopSequences.length > 0 && anthropicModel ? ['/stop_sequence', '/delta/stop_sequence'] : undefined,
  };
}
