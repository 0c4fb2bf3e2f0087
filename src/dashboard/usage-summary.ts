/** What `aggregateUsage` returns: the numbers every view and `proxy usage --json` show. */

export interface TokenTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface UsageTotals extends TokenTotals {
  requests: number;
  successes: number;
  errors: number;
  /** Failed requests by Anthropic error type (`http_<status>` when a record has none), most frequent first. */
  errorsByType: Array<{ type: string; count: number }>;
  /** cache read / (input + cache read + cache write); null with no input at all. */
  cacheHitRate: number | null;
  /** Of successful requests; null when there are none. */
  latencyMs: Percentiles | null;
  /** Of successful streams that sent a first token; null when there are none. */
  timeToFirstTokenMs: Percentiles | null;
  /** Estimate over the requests whose model has a price (requests without tokens cost 0); null when none has. */
  estimatedCostUsd: number | null;
  /** Requests with tokens whose model has no price, left out of the estimate. */
  unpricedRequests: number;
}

export interface RequestSeries {
  /** ISO 8601 start of the first bucket (the window's start). */
  start: string;
  bucketMs: number;
  /** Requests per bucket. */
  counts: number[];
}

export interface RowTotals extends TokenTotals {
  requests: number;
  errors: number;
  estimatedCostUsd: number | null;
}

export interface KeyRow extends RowTotals {
  keyId: string;
  name: string | null;
  userId: string | null;
}

export interface ModelRow extends RowTotals {
  /** The model id clients asked for; `(none)` for requests refused before a model was read. */
  model: string;
  /** The Bedrock model id of the most recent request. */
  bedrockModelId: string | null;
}

export interface SessionRow extends RowTotals {
  sessionId: string;
  /** The key of the session's first request. */
  keyId: string;
  keyName: string | null;
  firstSeen: string;
  lastSeen: string;
}

export interface UsageSummary {
  window: { since: string; until: string };
  generatedAt: string;
  filter: { key: string | null; model: string | null };
  pricing: { date: string; source: string; note: string };
  totals: UsageTotals;
  series: RequestSeries;
  /** Most requests first. */
  byKey: KeyRow[];
  byModel: ModelRow[];
  /** Most recently seen first. */
  bySession: SessionRow[];
}
