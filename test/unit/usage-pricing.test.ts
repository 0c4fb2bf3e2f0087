import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/dashboard/estimate-cost.js';
import { modelFamily, modelPrice, pricingDate } from '../../src/dashboard/model-pricing.js';

const million = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadInputTokens: 1_000_000, cacheWriteInputTokens: 1_000_000 };

describe('model pricing', () => {
  it('notes the date of its prices', () => {
    expect(pricingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['claude-haiku-5-5[1m]', 'claude-haiku-5-5'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku'],
  ])('%s is priced as %s', (id, family) => {
    expect(modelFamily(id)).toBe(family);
    expect(modelPrice(id)).toBeDefined();
  });

  it.each([
    // input + output + cache read + cache write, one million tokens each
    ['claude-sonnet-4-5', 3 + 15 + 0.3 + 3.75],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 1 + 5 + 0.1 + 1.25],
    ['claude-opus-4-6', 5 + 25 + 0.5 + 6.25],
    ['claude-opus-4-1-20250805', 15 + 75 + 1.5 + 18.75],
    ['claude-opus-5-5', 4 + 20 + 0.2 + 5],
    ['claude-sonnet-5', 2 + 10 + 0.2 + 2.5],
    ['claude-fable-5-1', 10 + 50 + 0.25 + 12.5],
    ['claude-3-haiku-20240307', 0.25 + 1.25 + 0.03 + 0.3],
  ])('%s: a million tokens of each kind cost $%d', (id, dollars) => {
    const price = modelPrice(id);
    if (price === undefined) throw new Error(`no price for ${id}`);
    expect(estimateCost(million, price)).toBeCloseTo(dollars, 9);
  });

  it('prices Haiku 5.5 prompts above 100,000 tokens at its long-prompt rates, output included', () => {
    const price = modelPrice('claude-haiku-5-5');
    if (price === undefined) throw new Error('no price for claude-haiku-5-5');
    const short = { inputTokens: 60_000, outputTokens: 1000, cacheReadInputTokens: 40_000, cacheWriteInputTokens: 0 };
    expect(estimateCost(short, price)).toBeCloseTo((60_000 * 0.1 + 1000 * 0.5 + 40_000 * 0.01) / 1e6, 12);
    const long = { ...short, cacheWriteInputTokens: 1 };
    expect(estimateCost(long, price)).toBeCloseTo((60_000 * 0.5 + 1000 * 2.5 + 40_000 * 0.05 + 0.625) / 1e6, 12);
  });

  it.each(['claude-mythos-preview', 'meta.llama3-70b-instruct-v1:0', 'amazon.nova-pro-v1:0', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/x', 'claude-sonnet-4-5-extra', ''])(
    '%j has no price',
    (id) => {
      expect(modelPrice(id)).toBeUndefined();
    },
  );
});
