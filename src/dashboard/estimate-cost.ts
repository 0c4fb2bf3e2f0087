import type { ModelPrice } from './model-pricing.js';

export interface BilledTokens {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
}

/** The estimated cost in USD of one request's tokens at a model's list prices. */
export function estimateCost(tokens: BilledTokens, price: ModelPrice): number {
  const prompt = tokens.inputTokens + tokens.cacheReadInputTokens + tokens.cacheWriteInputTokens;
  const rates = price.longPrompt !== undefined && prompt > price.longPrompt.aboveTokens ? price.longPrompt.prices : price;
  return (
    (tokens.inputTokens * rates.input +
      tokens.outputTokens * rates.output +
      tokens.cacheReadInputTokens * rates.cacheRead +
      tokens.cacheWriteInputTokens * rates.cacheWrite) /
    1_000_000
  );
}
