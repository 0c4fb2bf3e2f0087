import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { aggregateUsage } from '../../src/dashboard/aggregate-usage.js';
import { DashboardView, type DashboardViewProps } from '../../src/dashboard/dashboard-view.js';
import { defaultFormatters, type Formatters } from '../../src/dashboard/formatters.js';
import { windowRange } from '../../src/dashboard/usage-window.js';
import type { ViewName } from '../../src/dashboard/view-names.js';
import type { UsageRecord } from '../../src/store/types.js';

// Colour support is decided when ink's colour library loads; force it on so that `colour` alone decides.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const now = new Date('2026-11-28T12:00:00.000Z');
const keyNames = new Map([
  ['key_7Hc2a9Qw3LmZ', { name: 'laptop', userId: 'ada' }],
  ['key_Bq81LmZ0aaXy', { name: 'build-server', userId: 'ci-bot' }],
]);

function record(index: number, fields: Partial<UsageRecord>): UsageRecord {
  return {
    keyId: 'key_7Hc2a9Qw3LmZ',
    timestamp: new Date(now.getTime() - (index + 1) * 60_000).toISOString(),
    requestId: `req_${index}`,
    model: 'claude-sonnet-4-5',
    bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    inputTokens: 2000,
    outputTokens: 500,
    cacheReadInputTokens: 6000,
    cacheWriteInputTokens: 0,
    tokensEstimated: false,
    latencyMs: 1000 + index * 100,
    status: 200,
    success: true,
    stream: true,
    timeToFirstTokenMs: 300 + index * 10,
    claudeCodeSessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    ...fields,
  };
}

/** 6 laptop requests (one a 529), 2 build-server requests on Haiku without a session. */
const records = [
  ...[0, 1, 2, 3, 4].map((index) => record(index, {})),
  record(5, { success: false, status: 529, errorType: 'overloaded_error', inputTokens: 0, outputTokens: 0, cacheReadInputTokens: 0, timeToFirstTokenMs: undefined }),
  ...[6, 7].map((index) =>
    record(index, { keyId: 'key_Bq81LmZ0aaXy', model: 'claude-haiku-4-5', bedrockModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', claudeCodeSessionId: undefined, stream: false, timeToFirstTokenMs: undefined }),
  ),
];
const summary = aggregateUsage(records, { window: windowRange('1h', now), now, keyNames });

function frameOf(props: Partial<DashboardViewProps> & { view: ViewName }): string {
  const view = render(
    <DashboardView summary={summary} window="1h" filter={{ applied: '', draft: undefined }} width={80} height={23} colour={false} formatters={defaultFormatters} status={undefined} {...props} />,
  );
  const frame = view.lastFrame() ?? '';
  view.unmount();
  return frame;
}

function expectFits(frame: string, width: number, height: number): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width);
}

describe('dashboard views at a fixed width', () => {
  it.each([80, 120])('the overview at %i columns: totals, percentiles, estimate and the sparkline', (width) => {
    const frame = frameOf({ view: 'overview', width });
    expectFits(frame, width, 23);
    expect(frame).toContain('proxy usage · last 1h · 11-28 11:00 → 11-28 12:00 UTC');
    expect(frame).toContain('[Overview]  Keys   Models   Sessions');
    expect(frame).toContain('Requests        8   ok 7   errors 1 (12.5%)');
    expect(frame).toContain('Errors by type  overloaded_error 1');
    expect(frame).toContain('Tokens          in 14.0k · out 3.5k · cache read 42.0k · cache write 0');
    expect(frame).toContain('Cache hit rate  75.0%');
    // latencies 1000…1400, 1600, 1700 → p50 rank 4 = 1300, p95 rank 7 = 1700
    expect(frame).toContain('Latency         p50 1.3 s · p95 1.7 s');
    // first tokens of the laptop streams: 300…340 → rank 3 and rank 5
    expect(frame).toContain('First token     p50 320 ms · p95 340 ms (streams)');
    // Sonnet: 5 × (2000 × 3 + 500 × 15 + 6000 × 0.3) / 1e6 = 0.0765; Haiku: 2 × (2000 + 2500 + 600) / 1e6 = 0.0102
    expect(frame).toContain('Cost (estimate) $0.0867');
    expect(frame).toContain('Requests/min (1 min buckets, peak 1/min)');
    expect(frame).toContain('Costs are estimates at list prices of 2026-11-28');
    const chart = frame.split('\n').find((line) => line.includes('█')) ?? '';
    expect(chart.trimEnd()).toMatch(/█{8}$/);
  });

  it('the keys view at 80 columns leaves out the key id and cache columns', () => {
    const frame = frameOf({ view: 'keys' });
    expectFits(frame, 80, 23);
    const lines = frame.split('\n');
    expect(lines[2]).toBe('Name               User          Requests  Errors    Input   Output  Cost (est.)');
    expect(lines[3]).toBe('laptop             ada                  6       1    10.0k     2.5k      $0.0765');
    expect(lines[4]).toBe('build-server       ci-bot               2       0     4.0k     1.0k      $0.0102');
  });

  it('the keys view at 120 columns shows the key id and the cache columns', () => {
    const frame = frameOf({ view: 'keys', width: 120 });
    expectFits(frame, 120, 23);
    const lines = frame.split('\n');
    expect(lines[2]).toBe('Name            Key               User          Requests  Errors    Input   Output  Cache read  Cache write  Cost (est.)');
    expect(lines[3]).toBe('laptop          key_7Hc2a9Qw3LmZ  ada                  6       1    10.0k     2.5k       30.0k            0      $0.0765');
  });

  it.each([
    [80, false],
    [120, true],
  ])('the models view at %i columns (Bedrock id shown: %s)', (width, withBedrockId) => {
    const frame = frameOf({ view: 'models', width });
    expectFits(frame, width, 23);
    expect(frame).toMatch(/claude-sonnet-4-5 .*\s6\s+1\s+10\.0k\s+2\.5k\s.*\$0\.0765\n/);
    expect(frame).toMatch(/claude-haiku-4-5 .*\s2\s+0\s+4\.0k\s+1\.0k\s.*\$0\.0102\n/);
    expect(frame.includes('us.anthropic.claude-sonnet-4-5-20250929-v1:0  ')).toBe(withBedrockId);
  });

  it('the sessions view at 80 columns cuts the session id and leaves out when it was first seen', () => {
    const lines = frameOf({ view: 'sessions' }).split('\n');
    expect(lines[2]).toBe('Session          Key         Requests  Errors   Tokens  Cost (est.)  Last seen');
    expect(lines[3]).toBe('a1b2c3d4-0000-…  laptop             6       1    42.5k      $0.0765  11-28 11:59');
    expect(lines).toHaveLength(23);
  });

  it('the sessions view at 120 columns shows the whole session id and both times', () => {
    const lines = frameOf({ view: 'sessions', width: 120 }).split('\n');
    expect(lines[3]).toBe('a1b2c3d4-0000-4000-8000-000000000001  laptop                   6       1    42.5k      $0.0765  11-28 11:54  11-28 11:59');
  });

  it('uses the formatters it is given', () => {
    const formatters: Formatters = { ...defaultFormatters, formatUsd: (value) => `USD ${Math.round(value * 10_000)}e-4`, formatCount: (value) => `#${value}` };
    const frame = frameOf({ view: 'keys', formatters });
    expect(frame).toMatch(/laptop\s+ada\s+#6\s+#1\s+10\.0k\s+2\.5k\s+USD 765e-4\n/);
  });

  it('cuts a long table to the height and counts the rest', () => {
    const many = aggregateUsage(
      Array.from({ length: 30 }, (_, index) => record(index, { keyId: `key_${String(index).padStart(12, '0')}` })),
      { window: windowRange('1h', now), now, keyNames },
    );
    const frame = frameOf({ view: 'keys', summary: many });
    expectFits(frame, 80, 23);
    expect(frame).toContain('… and 13 more');
  });

  it('shows the filter being typed, and the applied filter beside the tabs', () => {
    expect(frameOf({ view: 'keys', filter: { applied: '', draft: 'lap' } })).toContain('Filter keys: lap▏  Enter apply · Esc clear');
    expect(frameOf({ view: 'keys', filter: { applied: 'lap', draft: undefined } })).toContain('filter: lap');
  });

  it('shows a failed refresh in the footer', () => {
    expect(frameOf({ view: 'overview', status: 'Refresh failed: store unreachable' })).toContain('Refresh failed: store unreachable');
  });
});

describe('colour', () => {
  it.each<ViewName>(['overview', 'keys', 'models', 'sessions'])('without colour (NO_COLOR) the %s view has no escape sequence at all', (view) => {
    const frame = frameOf({ view, colour: false, status: 'Refresh failed: x' });
    expect(frame).not.toContain('\u001B');
  });

  it('with colour the same view is styled', () => {
    expect(frameOf({ view: 'overview', colour: true })).toContain('\u001B[');
  });
});
