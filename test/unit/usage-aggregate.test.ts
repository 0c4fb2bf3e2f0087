import { describe, expect, it } from 'vitest';
import { aggregateUsage, type AggregateOptions } from '../../src/dashboard/aggregate-usage.js';
import { percentile } from '../../src/dashboard/percentile.js';
import { chooseBucketMs, requestSeries } from '../../src/dashboard/request-series.js';
import { windowDurationMs, windowRange, type WindowName } from '../../src/dashboard/usage-window.js';
import type { UsageRecord } from '../../src/store/types.js';

const now = new Date('2026-11-28T12:00:00.000Z');
const minute = 60_000;
const keyNames = new Map([
  ['key_laptop', { name: 'laptop', userId: 'ada' }],
  ['key_ci', { name: 'build-ci', userId: 'bob' }],
]);

let sequence = 0;
function record(fields: Partial<UsageRecord> & { minutesAgo?: number } = {}): UsageRecord {
  const { minutesAgo = 1, ...rest } = fields;
  sequence += 1;
  return {
    keyId: 'key_laptop',
    timestamp: new Date(now.getTime() - minutesAgo * minute).toISOString(),
    requestId: `req_${sequence}`,
    model: 'claude-sonnet-4-5',
    bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    tokensEstimated: false,
    latencyMs: 100,
    status: 200,
    success: true,
    stream: false,
    ...rest,
  };
}

function summarize(records: UsageRecord[], options: Partial<AggregateOptions> = {}) {
  return aggregateUsage(records, { window: windowRange('1h', now), now, keyNames, ...options });
}

describe('aggregateUsage', () => {
  it('an empty window: zero counts, no rates, 60 empty one-minute buckets', () => {
    const summary = summarize([]);
    expect(summary.window).toEqual({ since: '2026-11-28T11:00:00.000Z', until: '2026-11-28T12:00:00.000Z' });
    expect(summary.totals).toEqual({
      requests: 0, successes: 0, errors: 0, errorsByType: [],
      inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0,
      cacheHitRate: null, latencyMs: null, timeToFirstTokenMs: null, estimatedCostUsd: null, unpricedRequests: 0,
    });
    expect(summary.series).toEqual({ start: '2026-11-28T11:00:00.000Z', bucketMs: minute, counts: new Array(60).fill(0) });
    expect([summary.byKey, summary.byModel, summary.bySession]).toEqual([[], [], []]);
    expect(summary.pricing.date).toBe('2026-11-28');
  });

  it('one record: its tokens, its cost at Sonnet 4.5 prices, its key and model rows', () => {
    const summary = summarize([record({ inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 3000, cacheWriteInputTokens: 400, latencyMs: 850, minutesAgo: 0.5 })]);
    // 1000 × $3 + 200 × $15 + 3000 × $0.30 + 400 × $3.75 per million
    const cost = 0.0084;
    expect(summary.totals).toMatchObject({ requests: 1, successes: 1, errors: 0, inputTokens: 1000, outputTokens: 200, cacheReadTokens: 3000, cacheWriteTokens: 400, latencyMs: { p50: 850, p95: 850 }, estimatedCostUsd: cost });
    expect(summary.totals.cacheHitRate).toBeCloseTo(3000 / 4400, 12);
    expect(summary.series.counts[59]).toBe(1);
    expect(summary.byKey).toEqual([{ keyId: 'key_laptop', name: 'laptop', userId: 'ada', requests: 1, errors: 0, inputTokens: 1000, outputTokens: 200, cacheReadTokens: 3000, cacheWriteTokens: 400, estimatedCostUsd: cost }]);
    expect(summary.byModel).toEqual([{ model: 'claude-sonnet-4-5', bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', requests: 1, errors: 0, inputTokens: 1000, outputTokens: 200, cacheReadTokens: 3000, cacheWriteTokens: 400, estimatedCostUsd: cost }]);
  });

  it('counts errors by type (http_<status> without a type), most frequent first, and keeps them out of latency', () => {
    const summary = summarize([
      record({ success: false, status: 429, errorType: 'rate_limit_error', latencyMs: 1 }),
      record({ success: false, status: 529, errorType: 'overloaded_error', latencyMs: 1 }),
      record({ success: false, status: 429, errorType: 'rate_limit_error', latencyMs: 1 }),
      record({ success: false, status: 502, latencyMs: 1 }),
      record({ latencyMs: 700 }),
    ]);
    expect(summary.totals).toMatchObject({ requests: 5, successes: 1, errors: 4, latencyMs: { p50: 700, p95: 700 } });
    expect(summary.totals.errorsByType).toEqual([
      { type: 'rate_limit_error', count: 2 },
      { type: 'http_502', count: 1 },
      { type: 'overloaded_error', count: 1 },
    ]);
    expect(summary.byKey[0]?.errors).toBe(4);
  });

  it('latency and time-to-first-token percentiles are nearest-rank; first tokens count for streams only', () => {
    const latencies = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000];
    const records = latencies.map((latencyMs, index) => record({ latencyMs, stream: index % 2 === 0, timeToFirstTokenMs: latencyMs / 10 }));
    const summary = summarize([...records].reverse());
    expect(summary.totals.latencyMs).toEqual({ p50: 1000, p95: 1900 });
    // streams: 100, 300, …, 1900 → first tokens 10, 30, …, 190 (10 values): rank 5 and rank 10
    expect(summary.totals.timeToFirstTokenMs).toEqual({ p50: 90, p95: 190 });
  });

  it.each([
    ['no cache', { inputTokens: 100 }, 0],
    ['all read', { cacheReadInputTokens: 100 }, 1],
    ['a quarter read', { inputTokens: 50, cacheReadInputTokens: 25, cacheWriteInputTokens: 25 }, 0.25],
  ])('cache hit rate: %s', (_name, tokens, rate) => {
    expect(summarize([record(tokens)]).totals.cacheHitRate).toBe(rate);
  });

  it.each<[WindowName, number, number]>([
    ['15m', 15, minute],
    ['1h', 60, minute],
    ['24h', 48, 30 * minute],
    ['7d', 56, 3 * 60 * minute],
  ])('the %s window has %i buckets of %i ms, and every request of the window is in one of them', (window, points, bucketMs) => {
    const durationMinutes = windowDurationMs(window) / minute;
    const records = [0.01, 0.5, durationMinutes / 2, durationMinutes - 0.01, durationMinutes + 1].map((minutesAgo) => record({ minutesAgo }));
    const summary = summarize(records, { window: windowRange(window, now) });
    expect(summary.series.counts).toHaveLength(points);
    expect(summary.series.bucketMs).toBe(bucketMs);
    expect(summary.series.counts.reduce((sum, count) => sum + count, 0)).toBe(4);
    expect(summary.totals.requests).toBe(4);
    expect(summary.series.counts[0]).toBe(1);
    expect(summary.series.counts[points - 1]).toBe(2);
  });

  it('ignores records outside the window: the start is included, the end is not', () => {
    const summary = summarize([record({ minutesAgo: 60 }), record({ minutesAgo: 0 }), record({ minutesAgo: 61 })]);
    expect(summary.totals.requests).toBe(1);
    expect(summary.series.counts[0]).toBe(1);
  });

  it('filters by key id or name (any case) and by the model asked for', () => {
    const records = [
      record({ keyId: 'key_laptop', model: 'claude-haiku-4-5' }),
      record({ keyId: 'key_ci' }),
      record({ keyId: 'key_ci', model: 'claude-haiku-4-5' }),
      record({ keyId: 'master' }),
    ];
    expect(summarize(records, { keyFilter: 'CI' }).byKey.map((row) => [row.keyId, row.requests])).toEqual([['key_ci', 2]]);
    expect(summarize(records, { keyFilter: 'mast' }).totals.requests).toBe(1);
    expect(summarize(records, { keyFilter: 'key_' }).totals.requests).toBe(3);
    expect(summarize(records, { model: 'claude-haiku-4-5' }).byKey.map((row) => row.keyId)).toEqual(['key_ci', 'key_laptop']);
    const both = summarize(records, { keyFilter: 'build', model: 'claude-haiku-4-5' });
    expect(both.totals.requests).toBe(1);
    expect(both.filter).toEqual({ key: 'build', model: 'claude-haiku-4-5' });
  });

  it('groups Claude Code sessions: key of the first request, first and last seen, most recent session first', () => {
    const summary = summarize([
      record({ claudeCodeSessionId: 'session-a', keyId: 'key_ci', minutesAgo: 40, inputTokens: 10 }),
      record({ claudeCodeSessionId: 'session-a', keyId: 'key_laptop', minutesAgo: 50, inputTokens: 20 }),
      record({ claudeCodeSessionId: 'session-b', minutesAgo: 5, outputTokens: 7 }),
      record({ minutesAgo: 1 }),
    ]);
    expect(summary.bySession.map(({ sessionId, keyId, keyName, requests, inputTokens, outputTokens, firstSeen, lastSeen }) => ({ sessionId, keyId, keyName, requests, inputTokens, outputTokens, firstSeen, lastSeen }))).toEqual([
      { sessionId: 'session-b', keyId: 'key_laptop', keyName: 'laptop', requests: 1, inputTokens: 0, outputTokens: 7, firstSeen: '2026-11-28T11:55:00.000Z', lastSeen: '2026-11-28T11:55:00.000Z' },
      { sessionId: 'session-a', keyId: 'key_laptop', keyName: 'laptop', requests: 2, inputTokens: 30, outputTokens: 0, firstSeen: '2026-11-28T11:10:00.000Z', lastSeen: '2026-11-28T11:20:00.000Z' },
    ]);
  });

  it('prices by the Bedrock id, falls back to the id asked for, and leaves unknown models out of the estimate', () => {
    const summary = summarize([
      record({ model: 'my-alias', bedrockModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', outputTokens: 1_000_000 }),
      record({ model: 'claude-opus-4-6', bedrockModelId: 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc', inputTokens: 1_000_000 }),
      record({ model: 'meta.llama3-70b-instruct-v1:0', bedrockModelId: 'meta.llama3-70b-instruct-v1:0', inputTokens: 1_000_000 }),
    ]);
    expect(summary.byModel.map((row) => [row.model, row.estimatedCostUsd])).toEqual([
      ['claude-opus-4-6', 5],
      ['meta.llama3-70b-instruct-v1:0', null],
      ['my-alias', 5],
    ]);
    expect(summary.totals).toMatchObject({ estimatedCostUsd: 10, unpricedRequests: 1 });
  });

  it('sorts keys by requests, then id, names unknown keys with null, and keeps the most recent Bedrock id per model', () => {
    const summary = summarize([
      record({ keyId: 'master', minutesAgo: 3, bedrockModelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' }),
      record({ keyId: 'key_ci', minutesAgo: 2 }),
      record({ keyId: 'master', minutesAgo: 9 }),
      record({ keyId: 'key_laptop', minutesAgo: 8, model: undefined, bedrockModelId: undefined, status: 401, success: false, errorType: 'authentication_error' }),
    ]);
    expect(summary.byKey.map((row) => [row.keyId, row.name, row.requests])).toEqual([['master', null, 2], ['key_ci', 'build-ci', 1], ['key_laptop', 'laptop', 1]]);
    expect(summary.byModel.map((row) => [row.model, row.bedrockModelId, row.requests, row.estimatedCostUsd])).toEqual([
      ['claude-sonnet-4-5', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 3, 0],
      ['(none)', null, 1, 0],
    ]);
    expect(summary.totals.unpricedRequests).toBe(0);
  });

  it('gives the same summary for the same records in any order', () => {
    const records = Array.from({ length: 50 }, (_, index) => record({ minutesAgo: (index * 7) % 59, latencyMs: (index * 37) % 1000, inputTokens: index, claudeCodeSessionId: `s${index % 3}`, keyId: index % 2 === 0 ? 'key_ci' : 'key_laptop' }));
    expect(summarize([...records].reverse())).toEqual(summarize(records));
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, undefined],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 51, 3],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 0, 1],
  ])('%j at %i → %s', (values, percent, expected) => {
    expect(percentile(values, percent)).toBe(expected);
  });
});

describe('request series buckets', () => {
  it.each([
    [30 * minute, minute],
    [2 * 60 * minute, 2 * minute],
    [3 * 60 * minute, 5 * minute],
    [30 * 24 * 60 * minute, 720 * minute],
    [120 * 24 * 60 * minute, 2880 * minute],
  ])('a span of %i ms has buckets of %i ms', (span, bucketMs) => {
    expect(chooseBucketMs(span)).toBe(bucketMs);
  });

  it('the last bucket of an uneven span is shorter and still counts', () => {
    const series = requestSeries([0, 89 * minute + 59_999, 90 * minute], { sinceMs: 0, untilMs: 90 * minute });
    expect(series.bucketMs).toBe(2 * minute);
    expect(series.counts).toHaveLength(45);
    expect(series.counts[44]).toBe(1);
    expect(series.counts[0]).toBe(1);
  });
});
