import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { ConverseMessage, ConverseRequestBody, GuardrailSettings } from '../bedrock/types.js';
import { invalidField, unsupportedField } from '../errors.js';
import { selectBedrockBetas } from './anthropic-betas.js';
import { cachePointFor, isCachePoint } from './cache-points.js';
import { checkCacheControlLimit } from './check-cache-control-limit.js';
import { createConversionContext, type ConversionContext } from './conversion-context.js';
import { convertGuardrailConfig } from './convert-guardrail-config.js';
import { convertInferenceConfig } from './convert-inference-config.js';
import { convertMessages } from './convert-messages.js';
import { convertOutputConfig } from './convert-output-config.js';
import { convertRequestOptions } from './convert-request-options.js';
import { convertSystem } from './convert-system.js';
import { convertToolChoice } from './convert-tool-choice.js';
import { convertTools } from './convert-tools.js';
import type { DocumentValue } from './document-value.js';
import { asDocumentValue } from './document-value.js';
import { checkFeatureFlags, type FeatureFlags } from './feature-flags.js';
import type { ToolNameMap } from './tool-names.js';
import { walkRequestBlocks } from './walk-request-blocks.js';

export interface ConverseConversionOptions {
  /** Already resolved (e.g. us.anthropic.claude-sonnet-4-6). */
  bedrockModelId: string;
  /** The Bedrock model is Claude (the caller decides with isAnthropicBedrockModel). */
  anthropicModel: boolean;
  anthropicVersion: '2023-06-01' | '2026-10-21';
  /** From the anthropic-beta header(s), already split and trimmed. */
  betas: readonly string[];
  features: FeatureFlags;
  /** Applied as `guardrailConfig` (ConverseStream's transport adds `streamProcessingMode: sync`). */
  guardrail?: GuardrailSettings;
}

export interface ConversionResult<T> {
  value: T;
  warnings: string[];
}

export interface ConverseRequestPlan {
  body: ConverseRequestBody;
  toolNames: ToolNameMap;
}

/**
 * An Anthropic Messages request → the body of a Converse / ConverseStream call. Every field is
 * mapped, or refused with a message naming it; only hints that do not change a correct answer are
 * dropped, each with a warning.
 */
export function convertRequestToConverse(
  request: MessagesRequest,
  options: ConverseConversionOptions,
): ConversionResult<ConverseRequestPlan> {
  checkFeatureFlags(request, options.features);
  checkCacheControlLimit(request);
  const context = createConversionContext(options);
  const additionalFields: Record<string, DocumentValue> = {};

  const inference = convertInferenceConfig(request, context);
  if (inference.topK !== undefined) additionalFields.top_k = inference.topK;

  const body: ConverseRequestBody = { inferenceConfig: inference.inferenceConfig };
  const system = convertSystem(request.system, context);
  if (system !== undefined) body.system = system;

  const tools = convertTools(request.tools, context);
  const hasToolHistory = historyHasToolBlocks(request);
  if (hasToolHistory && tools.length === 0) {
    throw invalidField([], 'Requests which include `tool_use` or `tool_result` blocks must define tools.');
  }
  const choice = convertToolChoice(request.tool_choice, { hasTools: tools.length > 0, hasToolHistory }, context);
  if (choice.additionalToolChoice !== undefined) additionalFields.tool_choice = choice.additionalToolChoice;

  body.messages = convertMessages(request.messages, context);
  placeTopLevelCachePoint(request, body.messages, context);
  if (tools.length > 0 && choice.sendTools) {
    body.toolConfig = choice.toolChoice === undefined ? { tools } : { tools, toolChoice: choice.toolChoice };
  }

  addThinking(request, additionalFields, context);
  addBetas(additionalFields, context);
  const outputConfig = convertOutputConfig(request);
  if (outputConfig !== undefined) body.outputConfig = outputConfig;
  Object.assign(body, convertRequestOptions(request, context));
  if (options.guardrail !== undefined) body.guardrailConfig = convertGuardrailConfig(options.guardrail);
  if (inference.responseFieldPaths !== undefined) body.additionalModelResponseFieldPaths = inference.responseFieldPaths;
  if (Object.keys(additionalFields).length > 0) body.additionalModelRequestFields = additionalFields;

  if (context.droppedCacheControls.length > 0) {
    context.warnings.push(
      `cache_control: dropped ${context.droppedCacheControls.length} cache point(s); Bedrock supports prompt caching only for Claude and Amazon Nova models, not ${options.bedrockModelId}`,
    );
  }
  return { value: { body, toolNames: context.toolNames }, warnings: context.warnings };
}

function historyHasToolBlocks(request: MessagesRequest): boolean {
  let found = false;
  walkRequestBlocks(request, (block) => {
    if (block.type === 'tool_use' || block.type === 'tool_result') found = true;
  });
  return found;
}

/** Top-level (automatic) cache_control: one cache point after the last block of the conversation. */
function placeTopLevelCachePoint(request: MessagesRequest, messages: ConverseMessage[], context: ConversionContext): void {
  const cachePoint = cachePointFor(request.cache_control, context, []);
  const content = messages[messages.length - 1]?.content;
  if (cachePoint === undefined || content === undefined) return;
  const last = content[content.length - 1];
  if (last !== undefined && !isCachePoint(last)) content.push(cachePoint);
}

function addThinking(request: MessagesRequest, additionalFields: Record<string, DocumentValue>, context: ConversionContext): void {
  const thinking = request.thinking;
  if (thinking === undefined) return;
  if (context.options.anthropicModel) {
    additionalFields.thinking = asDocumentValue(thinking);
  } else if (thinking.type !== 'disabled') {
    throw unsupportedField(['thinking'], 'extended thinking is only supported for Claude models on Bedrock');
  }
}

function addBetas(additionalFields: Record<string, DocumentValue>, context: ConversionContext): void {
  const { accepted, dropped } = selectBedrockBetas(context.options.betas, context.options.anthropicModel);
  if (accepted.length > 0) additionalFields.anthropic_beta = accepted;
  if (dropped.length > 0) {
    const reason = context.options.anthropicModel ? 'not accepted by Bedrock Converse' : 'the Bedrock model is not Claude';
    context.warnings.push(`anthropic-beta: dropped ${dropped.join(', ')} (${reason})`);
  }
}
