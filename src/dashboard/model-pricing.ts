/*
 * Estimated prices of Claude models, in USD per million tokens.
 *
 * Source: Anthropic's list prices, https://platform.claude.com/docs/en/about-claude/pricing and the
 * model overview pages, as read on 2026-11-28. Sonnet 5.5's cache-read price is the $0.10 of the
 * cut of 2026-10-07, which its overview page did not show yet. Bedrock's on-demand prices for
 * Claude match these list prices in the main regions; regional (geo-prefixed) inference profiles of
 * recent models can cost about 10% more, and batch, provisioned throughput and 1-hour cache writes
 * are not modelled. Cache writes are priced as 5-minute writes, since a usage record does not say
 * which was used. So every figure derived from this table is an estimate, and is shown as one.
 */

export const pricingDate = '2026-11-28';
export const pricingSource = 'Anthropic list prices (platform.claude.com/docs/en/about-claude/pricing)';

export interface TokenPrices {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface ModelPrice extends TokenPrices {
  /** A request whose prompt (input + cache read + cache write) is above `aboveTokens` pays these prices for all its tokens. */
  longPrompt?: { aboveTokens: number; prices: TokenPrices };
}

interface PricingRow {
  /** Model ids without geo prefix, provider, date or version suffix. */
  families: ReadonlyArray<string>;
  price: ModelPrice;
}

const prices = (input: number, output: number, cacheRead: number, cacheWrite: number): TokenPrices => ({ input, output, cacheRead, cacheWrite });

const pricingTable: ReadonlyArray<PricingRow> = [
  { families: ['claude-fable-5-1', 'claude-mythos-5-1'], price: prices(10, 50, 0.25, 12.5) },
  { families: ['claude-fable-5', 'claude-mythos-5'], price: prices(10, 50, 1, 12.5) },
  { families: ['claude-opus-5-5'], price: prices(4, 20, 0.2, 5) },
  { families: ['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5'], price: prices(5, 25, 0.5, 6.25) },
  { families: ['claude-opus-4-1', 'claude-opus-4', 'claude-opus-4-0', 'claude-3-opus'], price: prices(15, 75, 1.5, 18.75) },
  { families: ['claude-sonnet-5-5'], price: prices(2, 10, 0.1, 2.5) },
  { families: ['claude-sonnet-5'], price: prices(2, 10, 0.2, 2.5) },
  {
    families: ['claude-sonnet-4-6', 'claude-sonnet-4-5', 'claude-sonnet-4', 'claude-sonnet-4-0', 'claude-3-7-sonnet', 'claude-3-5-sonnet'],
    price: prices(3, 15, 0.3, 3.75),
  },
  { families: ['claude-haiku-5-5'], price: { ...prices(0.1, 0.5, 0.01, 0.125), longPrompt: { aboveTokens: 100_000, prices: prices(0.5, 2.5, 0.05, 0.625) } } },
  { families: ['claude-haiku-4-5'], price: prices(1, 5, 0.1, 1.25) },
  { families: ['claude-3-5-haiku'], price: prices(0.8, 4, 0.08, 1) },
  { families: ['claude-3-haiku'], price: prices(0.25, 1.25, 0.03, 0.3) },
];

const pricesByFamily: ReadonlyMap<string, ModelPrice> = new Map(pricingTable.flatMap((row) => row.families.map((family) => [family, row.price] as const)));

/**
 * The price of a model id as a client or Bedrock names it: `claude-sonnet-4-5`,
 * `claude-sonnet-4-5-20250929`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
 * `claude-3-7-sonnet-latest`, `claude-haiku-5-5[1m]`. Undefined for models not in the table.
 */
export function modelPrice(modelId: string): ModelPrice | undefined {
  return pricesByFamily.get(modelFamily(modelId));
}

export function modelFamily(modelId: string): string {
  return modelId
    .toLowerCase()
    .replace(/\[1m\]$/, '')
    .replace(/^(?:us-gov|us|eu|apac|jp|au|ca|global)\./, '')
    .replace(/^anthropic\./, '')
    .replace(/-v\d+(?::\d+)?$/, '')
    .replace(/-(?:\d{8}|latest)$/, '');
}
