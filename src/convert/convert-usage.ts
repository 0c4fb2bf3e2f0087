import type { CacheCreation, MessageDeltaUsage, Usage } from '../anthropic/types.js';
import type { ConverseServiceTier, ConverseUsage } from './converse-shapes.js';

type BedrockUsage = ConverseUsage | undefined;

/**
 * Bedrock usage → Anthropic usage (spec §3.3). Both count input tokens without the cached ones,
 * so the numbers copy across; missing cache counters are 0.
 */
export function convertUsage(usage: BedrockUsage, serviceTier: ConverseServiceTier | undefined): Usage {
  const counts = convertDeltaUsage(usage);
  return {
    input_tokens: counts.input_tokens,
    output_tokens: counts.output_tokens,
    cache_creation_input_tokens: counts.cache_creation_input_tokens,
    cache_read_input_tokens: counts.cache_read_input_tokens,
    cache_creation: cacheCreation(usage),
    server_tool_use: null,
    service_tier: serviceTier?.type === 'priority' ? 'priority' : 'standard',
    inference_geo: null,
    output_tokens_details: null,
  };
}

/** The usage of a stream's final `message_delta`. */
export function convertDeltaUsage(usage: BedrockUsage): MessageDeltaUsage {
  return {
    input_tokens: usage?.inputTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: usage?.cacheWriteInputTokens ?? 0,
    cache_read_input_tokens: usage?.cacheReadInputTokens ?? 0,
    server_tool_use: null,
    output_tokens_details: null,
  };
}

/** Cache writes split by TTL when Bedrock details them; otherwise all count as the default 5 minutes. */
function cacheCreation(usage: BedrockUsage): CacheCreation {
  const details = usage?.cacheDetails ?? [];
  if (details.length === 0) {
    return { ephemeral_5m_input_tokens: usage?.cacheWriteInputTokens ?? 0, ephemeral_1h_input_tokens: 0 };
  }
  const creation: CacheCreation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
  for (const detail of details) {
    // Documented values are "5m" and "1h"; tolerate ISO-8601-like spellings such as "T1H".
    const oneHour = /1h/i.test(String(detail.ttl ?? ''));
    if (oneHour) creation.ephemeral_1h_input_tokens += detail.inputTokens ?? 0;
    else creation.ephemeral_5m_input_tokens += detail.inputTokens ?? 0;
  }
  return creation;
}
