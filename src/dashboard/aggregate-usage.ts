import type { UsageRecord } from '../store/types.js';
import { estimateCost } from './estimate-cost.js';
import { modelPrice, pricingDate, pricingSource, type ModelPrice } from './model-pricing.js';
import { percentile } from './percentile.js';
import { requestSeries } from './request-series.js';
import type { KeyRow, ModelRow, Percentiles, SessionRow, UsageSummary, UsageTotals } from './usage-summary.js';
import { addToTally, emptyTally, tallyTotals, type UsageTally } from './usage-tally.js';
import type { TimeRange } from './usage-window.js';

export interface KeyLabel {
  name: string;
  userId: string;
}

export interface AggregateOptions {
  window: TimeRange;
  /** When the summary is made (its `generatedAt`). */
  now: Date;
  /** Names and users of the stored keys, by key id. */
  keyNames: ReadonlyMap<string, KeyLabel>;
  /** Keeps keys whose id or name contains this text (any case). */
  keyFilter?: string;
  /** Keeps requests for this model id (as the client asked for it). */
  model?: string;
}

export const noModel = '(none)';
export const costNote = 'Costs are estimates at list prices; models without a price are left out.';

interface ModelTally extends UsageTally {
  bedrockModelId: string | undefined;
  latestTimestamp: string;
}

interface SessionTally extends UsageTally {
  keyId: string;
  firstSeen: string;
  lastSeen: string;
}

/**
 * The numbers of one window, from the usage records in it (records outside the window or the
 * filters are ignored). Pure: the same records and options give the same summary, in any order.
 */
export function aggregateUsage(records: Iterable<UsageRecord>, options: AggregateOptions): UsageSummary {
  const sinceMs = options.window.since.getTime();
  const untilMs = options.window.until.getTime();
  const matches = recordFilter(options);
  const priceOf = cachedPrices();
  const totals = emptyTally();
  const byKey = new Map<string, UsageTally>();
  const byModel = new Map<string, ModelTally>();
  const bySession = new Map<string, SessionTally>();
  const errorsByType = new Map<string, number>();
  const arrivals: number[] = [];
  const latencies: number[] = [];
  const timesToFirstToken: number[] = [];

  for (const record of records) {
    const arrival = Date.parse(record.timestamp);
    if (!(arrival >= sinceMs && arrival < untilMs) || !matches(record)) continue;
    const price = priceOf(record);
    // A request without tokens (refused before Bedrock) costs nothing, whatever its model.
    const cost = price !== undefined ? estimateCost(record, price) : hasTokens(record) ? undefined : 0;
    arrivals.push(arrival);
    addToTally(totals, record, cost);
    addToTally(entry(byKey, record.keyId, emptyTally), record, cost);
    addToModel(byModel, record, cost);
    if (record.claudeCodeSessionId !== undefined) addToSession(bySession, record, cost);
    if (record.success) {
      latencies.push(record.latencyMs);
      if (record.stream && record.timeToFirstTokenMs !== undefined) timesToFirstToken.push(record.timeToFirstTokenMs);
    } else {
      const type = record.errorType ?? `http_${record.status}`;
      errorsByType.set(type, (errorsByType.get(type) ?? 0) + 1);
    }
  }

  return {
    window: { since: options.window.since.toISOString(), until: options.window.until.toISOString() },
    generatedAt: options.now.toISOString(),
    filter: { key: nonEmpty(options.keyFilter) ?? null, model: nonEmpty(options.model) ?? null },
    pricing: { date: pricingDate, source: pricingSource, note: costNote },
    totals: summarizeTotals({ totals, errorsByType, latencies, timesToFirstToken }),
    series: requestSeries(arrivals, { sinceMs, untilMs }),
    byKey: [...byKey].map(([keyId, tally]): KeyRow => {
      const label = options.keyNames.get(keyId);
      return { keyId, name: label?.name ?? null, userId: label?.userId ?? null, ...tallyTotals(tally) };
    }).sort((left, right) => right.requests - left.requests || compareText(left.keyId, right.keyId)),
    byModel: [...byModel].map(([model, tally]): ModelRow => ({ model, bedrockModelId: tally.bedrockModelId ?? null, ...tallyTotals(tally) }))
      .sort((left, right) => right.requests - left.requests || compareText(left.model, right.model)),
    bySession: [...bySession].map(([sessionId, tally]): SessionRow => ({
      sessionId,
      keyId: tally.keyId,
      keyName: options.keyNames.get(tally.keyId)?.name ?? null,
      firstSeen: tally.firstSeen,
      lastSeen: tally.lastSeen,
      ...tallyTotals(tally),
    })).sort((left, right) => compareText(right.lastSeen, left.lastSeen) || compareText(left.sessionId, right.sessionId)),
  };
}

function summarizeTotals(parts: { totals: UsageTally; errorsByType: Map<string, number>; latencies: number[]; timesToFirstToken: number[] }): UsageTotals {
  const { totals } = parts;
  const prompt = totals.inputTokens + totals.cacheReadTokens + totals.cacheWriteTokens;
  const rowTotals = tallyTotals(totals);
  return {
    ...rowTotals,
    successes: totals.requests - totals.errors,
    errorsByType: [...parts.errorsByType].map(([type, count]) => ({ type, count })).sort((left, right) => right.count - left.count || compareText(left.type, right.type)),
    cacheHitRate: prompt === 0 ? null : totals.cacheReadTokens / prompt,
    latencyMs: percentiles(parts.latencies),
    timeToFirstTokenMs: percentiles(parts.timesToFirstToken),
    unpricedRequests: totals.requests - totals.pricedRequests,
  };
}

function percentiles(values: number[]): Percentiles | null {
  const sorted = Float64Array.from(values).sort();
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  return p50 === undefined || p95 === undefined ? null : { p50, p95 };
}

function addToModel(byModel: Map<string, ModelTally>, record: UsageRecord, cost: number | undefined): void {
  const tally = entry(byModel, record.model ?? noModel, () => ({ ...emptyTally(), bedrockModelId: undefined, latestTimestamp: '' }));
  addToTally(tally, record, cost);
  if (record.bedrockModelId !== undefined && record.timestamp >= tally.latestTimestamp) {
    tally.latestTimestamp = record.timestamp;
    tally.bedrockModelId = record.bedrockModelId;
  }
}

function addToSession(bySession: Map<string, SessionTally>, record: UsageRecord, cost: number | undefined): void {
  const tally = entry(bySession, record.claudeCodeSessionId ?? '', () => ({ ...emptyTally(), keyId: record.keyId, firstSeen: record.timestamp, lastSeen: record.timestamp }));
  addToTally(tally, record, cost);
  if (record.timestamp < tally.firstSeen || (record.timestamp === tally.firstSeen && record.keyId < tally.keyId)) {
    tally.firstSeen = record.timestamp;
    tally.keyId = record.keyId;
  }
  if (record.timestamp > tally.lastSeen) tally.lastSeen = record.timestamp;
}

function recordFilter(options: AggregateOptions): (record: UsageRecord) => boolean {
  const keyText = nonEmpty(options.keyFilter)?.toLowerCase();
  const model = nonEmpty(options.model);
  const keyMatches = new Map<string, boolean>();
  const matchesKey = (keyId: string): boolean => {
    if (keyText === undefined) return true;
    const name = options.keyNames.get(keyId)?.name ?? '';
    return entry(keyMatches, keyId, () => keyId.toLowerCase().includes(keyText) || name.toLowerCase().includes(keyText));
  };
  return (record) => (model === undefined || record.model === model) && matchesKey(record.keyId);
}

/** Bedrock's id names what was billed; the id asked for is the fallback (an ARN has no family). */
function cachedPrices(): (record: UsageRecord) => ModelPrice | undefined {
  const cache = new Map<string, ModelPrice | undefined>();
  const lookUp = (id: string | undefined) => (id === undefined ? undefined : entry(cache, id, () => modelPrice(id)));
  return (record) => lookUp(record.bedrockModelId) ?? lookUp(record.model);
}

function hasTokens(record: UsageRecord): boolean {
  return record.inputTokens + record.outputTokens + record.cacheReadInputTokens + record.cacheWriteInputTokens > 0;
}

function entry<Key, Value>(map: Map<Key, Value>, key: Key, create: () => Value): Value {
  if (map.has(key)) return map.get(key) as Value;
  const value = create();
  map.set(key, value);
  return value;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
