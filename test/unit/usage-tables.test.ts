import { describe, expect, it } from 'vitest';
import { aggregateUsage } from '../../src/dashboard/aggregate-usage.js';
import { formatUsageTables } from '../../src/dashboard/format-usage-tables.js';
import { defaultFormatters } from '../../src/dashboard/formatters.js';
import { windowRange } from '../../src/dashboard/usage-window.js';
import type { UsageRecord } from '../../src/store/types.js';

const now = new Date('2026-11-28T12:00:00.000Z');

function record(index: number, fields: Partial<UsageRecord> = {}): UsageRecord {
  return {
    keyId: 'key_laptop',
    timestamp: new Date(now.getTime() - (index + 1) * 60_000).toISOString(),
    requestId: `req_${index}`,
    model: 'claude-opus-4-6',
    bedrockModelId: 'global.anthropic.claude-opus-4-6-v1',
    inputTokens: 10_000,
    outputTokens: 1000,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 2000,
    tokensEstimated: false,
    latencyMs: 2500,
    status: 200,
    success: true,
    stream: false,
    claudeCodeSessionId: 'session-1',
    ...fields,
  };
}

const rows = (text: string) => text.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│').slice(1, -1).map((cell) => cell.trim()));

describe('proxy usage --no-tui tables', () => {
  const summary = aggregateUsage(
    [record(0), record(1), record(2, { model: 'amazon.nova-pro-v1:0', bedrockModelId: 'amazon.nova-pro-v1:0', keyId: 'master', claudeCodeSessionId: undefined, success: false, status: 400, errorType: 'invalid_request_error' })],
    { window: windowRange('15m', now), now, keyNames: new Map([['key_laptop', { name: 'laptop', userId: 'ada' }]]), model: undefined },
  );
  const text = formatUsageTables(summary, defaultFormatters);
  const cells = rows(text);

  it('prints the totals with the cost marked as an estimate', () => {
    expect(text.split('\n')[0]).toBe('Usage from 11-28 11:45 to 11-28 12:00 UTC');
    expect(cells).toContainEqual(['Requests', '3']);
    expect(cells).toContainEqual(['Errors', '1 (invalid_request_error 1)']);
    expect(cells).toContainEqual(['Input tokens', '30.0k']);
    expect(cells).toContainEqual(['Cache hit rate', '0.0%']);
    expect(cells).toContainEqual(['Latency p50 / p95', '2.5 s / 2.5 s']);
    expect(cells).toContainEqual(['Time to first token p50 / p95', '—']);
    // 2 × (10,000 × $5 + 1,000 × $25 + 2,000 × $6.25) / 1e6
    expect(cells).toContainEqual(['Cost', '$0.1750 (estimate), 1 request of unpriced models left out']);
    expect(text).toContain("Costs are estimates at Anthropic's list prices of 2026-11-28");
  });

  it('prints every key, model and session', () => {
    expect(cells).toContainEqual(['key_laptop', 'laptop', 'ada', '2', '0', '20.0k', '2.0k', '0', '4.0k', '$0.1750']);
    expect(cells).toContainEqual(['master', '—', '—', '1', '1', '10.0k', '1.0k', '0', '2.0k', '—']);
    expect(cells).toContainEqual(['amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0', '1', '1', '10.0k', '1.0k', '0', '2.0k', '—']);
    expect(cells).toContainEqual(['session-1', 'laptop', '11-28 11:58', '11-28 11:59', '2', '0', '20.0k', '2.0k', '0', '4.0k', '$0.1750']);
    expect(text).toMatch(/Requests per 1 min: {13}█{3}\n/);
  });

  it('says none for an empty table', () => {
    const empty = formatUsageTables(aggregateUsage([], { window: windowRange('1h', now), now, keyNames: new Map() }), defaultFormatters);
    expect(rows(empty).filter((row) => row[0] === 'none')).toHaveLength(3);
  });
});
