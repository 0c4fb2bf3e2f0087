import type { AnswerPlan } from '../answer/answer-plan.js';
import type { NativeUsage } from './native-types.js';

/** The plan's usage with Anthropic's names; cache counters are always present, 0 when unused. */
export function nativeUsage(usage: AnswerPlan['usage']): NativeUsage {
  const native: NativeUsage = {
    input_tokens: usage.inputTokens ?? 0,
    cache_creation_input_tokens: usage.cacheWriteInputTokens ?? 0,
    cache_read_input_tokens: usage.cacheReadInputTokens ?? 0,
    output_tokens: usage.outputTokens ?? 0,
  };
  if (usage.cacheDetails !== undefined) {
    const byTtl = (ttl: string): number =>
      (usage.cacheDetails ?? []).filter((detail) => detail.ttl === ttl).reduce((sum, detail) => sum + (detail.inputTokens ?? 0), 0);
    native.cache_creation = { ephemeral_5m_input_tokens: byTtl('5m'), ephemeral_1h_input_tokens: byTtl('1h') };
  }
  return native;
}
