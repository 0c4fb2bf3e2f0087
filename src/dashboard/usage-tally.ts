import type { UsageRecord } from '../store/types.js';
import type { RowTotals } from './usage-summary.js';

/** A running sum for one row (a key, a model, a session) or the whole window. */
export interface UsageTally {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  pricedRequests: number;
}

export function emptyTally(): UsageTally {
  return { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, pricedRequests: 0 };
}

/** `costUsd` is undefined for a model without a price. */
export function addToTally(tally: UsageTally, record: UsageRecord, costUsd: number | undefined): void {
  tally.requests += 1;
  if (!record.success) tally.errors += 1;
  tally.inputTokens += record.inputTokens;
  tally.outputTokens += record.outputTokens;
  tally.cacheReadTokens += record.cacheReadInputTokens;
  tally.cacheWriteTokens += record.cacheWriteInputTokens;
  if (costUsd !== undefined) {
    tally.costUsd += costUsd;
    tally.pricedRequests += 1;
  }
}

export function tallyTotals(tally: UsageTally): RowTotals {
  return {
    requests: tally.requests,
    errors: tally.errors,
    inputTokens: tally.inputTokens,
    outputTokens: tally.outputTokens,
    cacheReadTokens: tally.cacheReadTokens,
    cacheWriteTokens: tally.cacheWriteTokens,
    estimatedCostUsd: tally.pricedRequests === 0 ? null : roundUsd(tally.costUsd),
  };
}

/** Micro-dollars: enough for any display, and free of float noise such as 0.30000000000000004. */
export function roundUsd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
