import type { MessagesRequest } from '../../anthropic/request-schema.js';
import { selectInvokeModelBetas } from '../anthropic-betas.js';
import { checkCacheControlLimit } from '../check-cache-control-limit.js';
import { checkUnavailableFeatures } from '../check-unavailable-features.js';
import { convertInferenceConfig } from '../convert-inference-config.js';
import type { ConversionResult } from '../convert-request-to-converse.js';
import { effectiveEffort } from '../effective-effort.js';
import { checkFeatureFlags, type FeatureFlags } from '../feature-flags.js';
import { createNativeContext, type NativeContext } from './native-context.js';
import { sanitizeContextManagement } from './sanitize-context-management.js';
import { cleanTextBlock } from './sanitize-native-block.js';
import { placeTopLevelCacheControl, sanitizeNativeMessages } from './sanitize-native-messages.js';
import { sanitizeNativeTools } from './sanitize-native-tools.js';

export interface NativeConversionOptions {
  /** The client's API version (its rules still apply: e.g. 2026-10-21 forbids temperature). */
  anthropicVersion: '2023-06-01' | '2026-10-21';
  /** From the anthropic-beta header(s), already split and trimmed. */
  betas: readonly string[];
  features: FeatureFlags;
}

/**
 * What happens to each request field on this path; a field added to the schema must be placed
 * here. `hint`: dropped and listed as removed (refusals come first, in checkUnavailableFeatures).
 */
const topLevelFields = {
  model: 'omitted',
  stream: 'omitted',
  max_tokens: 'built',
  messages: 'built',
  system: 'built',
  tools: 'built',
  output_config: 'built',
  context_management: 'built',
  cache_control: 'built',
  stop_sequences: 'passed',
  temperature: 'passed',
  top_p: 'passed',
  top_k: 'passed',
  metadata: 'passed',
  tool_choice: 'passed',
  thinking: 'passed',
  service_tier: 'hint',
  speed: 'hint',
  inference_geo: 'hint',
  container: 'hint',
  mcp_servers: 'hint',
  diagnostics: 'hint',
  user_profile_id: 'hint',
  workspace_id: 'hint',
} as const satisfies Record<keyof MessagesRequest, 'omitted' | 'built' | 'passed' | 'hint'>;

type Field = keyof typeof topLevelFields;
const fields = Object.keys(topLevelFields) as Field[];

/**
 * The InvokeModel body (spec §9): the Messages request minus `model` and `stream`, plus
 * `anthropic_version` and `anthropic_beta`, with what Bedrock rejects removed. `removed` lists
 * every field or value dropped (for a debug log line), `warnings` what changed meaning slightly.
 * What no Bedrock API can carry is refused with a ProxyError naming the field, as on the Converse path.
 */
export function buildNativeInvokeBody(
  request: MessagesRequest,
  options: NativeConversionOptions,
): ConversionResult<{ body: Record<string, unknown>; removed: string[] }> {
  checkFeatureFlags(request, options.features);
  checkCacheControlLimit(request);
  const betas = selectInvokeModelBetas(options.betas);
  const context = createNativeContext(options, betas.accepted);
  // Only its checks matter here: max_tokens of at least 1, the version's sampling rules, stop sequences.
  convertInferenceConfig(request, context.conversion);
  checkUnavailableFeatures(request, 'InvokeModel');

  const body: Record<string, unknown> = { anthropic_version: 'bedrock-2023-05-31' };
  if (betas.accepted.length > 0) body['anthropic_beta'] = betas.accepted;
  context.removed.push(...betas.dropped.map((beta) => `anthropic-beta: ${beta}`));
  body['max_tokens'] = request.max_tokens;
  const messages = sanitizeNativeMessages(request.messages, context);
  placeTopLevelCacheControl(messages, request.cache_control);
  body['messages'] = messages;
  if (request.system !== undefined) body['system'] = nativeSystem(request.system, context);
  if (request.tools !== undefined) body['tools'] = sanitizeNativeTools(request.tools, context);
  const outputConfig = nativeOutputConfig(request);
  if (outputConfig !== undefined) body['output_config'] = outputConfig;
  const contextManagement = sanitizeContextManagement(request.context_management, context);
  if (contextManagement !== undefined) body['context_management'] = contextManagement;
  for (const field of fields) {
    if (request[field] === undefined) continue;
    if (topLevelFields[field] === 'passed') body[field] = request[field];
    if (topLevelFields[field] === 'hint') context.removed.push(field);
  }
  return { value: { body, removed: context.removed }, warnings: context.warnings };
}

function nativeSystem(system: NonNullable<MessagesRequest['system']>, context: NativeContext): unknown {
  if (typeof system === 'string') return system;
  return system.map((block, index) => cleanTextBlock(block, ['system', index], context));
}

/** The last `system` message's effort governs this turn (as on the Converse path); the rest passes as sent. */
function nativeOutputConfig(request: MessagesRequest): Record<string, unknown> | undefined {
  const effort = effectiveEffort(request);
  if (request.output_config === undefined) return effort === undefined ? undefined : { effort };
  return effort === undefined ? { ...request.output_config } : { ...request.output_config, effort };
}
