import type { Message } from '../../anthropic/types.js';

/**
 * Bedrock's Message → the client's: `model` replaced by the client's id; every other field kept as
 * Bedrock sent it (ids msg_bdrk_…/toolu_bdrk_…); fields Bedrock omits completed with zeros and
 * nulls, as the Converse path's Message and Usage carry them.
 */
export function convertNativeResponse(output: Record<string, unknown>, context: { model: string }): Message {
  // The shape is Bedrock's: newer block types than this proxy's types pass through as they are.
  return completeNativeMessage(output, context) as unknown as Message;
}

/** A native message (a whole answer, or the one in a stream's `message_start`) in the shape clients get. */
export function completeNativeMessage(message: Record<string, unknown>, context: { model: string }): Record<string, unknown> {
  const completed = withDefaults(message, { stop_sequence: null, stop_details: null, container: null });
  completed['model'] = context.model;
  completed['usage'] = completeUsage(message['usage']);
  return completed;
}

function completeUsage(usage: unknown): Record<string, unknown> {
  const reported = isRecord(usage) ? usage : {};
  const cacheWrites = reported['cache_creation_input_tokens'];
  return withDefaults(reported, {
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: typeof cacheWrites === 'number' ? cacheWrites : 0, ephemeral_1h_input_tokens: 0 },
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
  });
}

/** A copy of `value` with each default set where the field is absent (an explicit null is kept). */
function withDefaults(value: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  const completed: Record<string, unknown> = { ...value };
  for (const [field, fallback] of Object.entries(defaults)) {
    if (completed[field] === undefined) completed[field] = fallback;
  }
  return completed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
