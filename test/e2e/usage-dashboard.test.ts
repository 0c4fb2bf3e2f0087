import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateUsage } from '../../src/dashboard/aggregate-usage.js';
import { createUsageLoader } from '../../src/dashboard/load-usage.js';
import type { UsageSummary } from '../../src/dashboard/usage-summary.js';
import { windowRange } from '../../src/dashboard/usage-window.js';
import { openStore } from '../../src/store/open-store.js';
import { resolveTableNames } from '../../src/store/table-names.js';
import type { UsageRecord } from '../../src/store/types.js';

const binary = fileURLToPath(new URL('../../bin/proxy.js', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'proxy-e2e-usage-'));
const cleanEnv = { PATH: process.env['PATH'] ?? '', HOME: dataDir };
const tables = resolveTableNames({ prefix: 'anthropic-proxy-' });
const openSeedStore = () => openStore({ location: { kind: 'embedded', dataDir }, tables, usageTtlDays: 90, role: 'client' });

const tmuxMissing = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status !== 0;
if (tmuxMissing) console.warn('[skip] tmux is not installed: the usage dashboard is not tested in a real terminal');

let laptopId = '';

/**
 * 300 requests: 200 in the last 25 minutes and 100 from 35 to 55 minutes ago (so a run started
 * minutes later still sees the same numbers); every third on the laptop key, the ci key, the
 * master key; odd ones on Sonnet 4.5, even ones on Haiku 4.5; every 30th refused with a 429.
 */
function seededRecords(now: number, keys: string[]): UsageRecord[] {
  return Array.from({ length: 300 }, (_, index): UsageRecord => {
    const failed = index % 30 === 0;
    const sonnet = index % 2 === 1;
    const ageMs = index < 200 ? 20_000 + index * 7_000 : 35 * 60_000 + (index - 200) * 12_000;
    const keyId = keys[index % 3] ?? 'master';
    return {
      keyId,
      timestamp: new Date(now - ageMs).toISOString(),
      requestId: `req_seed_${index}`,
      model: sonnet ? 'claude-sonnet-4-5' : 'claude-haiku-4-5',
      bedrockModelId: sonnet ? 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' : 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      api: 'invoke',
      inputTokens: failed ? 0 : 100,
      outputTokens: failed ? 0 : 20,
      cacheReadInputTokens: failed ? 0 : 50,
      cacheWriteInputTokens: failed ? 0 : 10,
      tokensEstimated: false,
      latencyMs: 100 + (index % 10) * 10,
      ...(index % 2 === 0 && !failed ? { timeToFirstTokenMs: 50 + (index % 5) * 10 } : {}),
      status: failed ? 429 : 200,
      ...(failed ? { errorType: 'rate_limit_error' } : {}),
      success: !failed,
      stream: index % 2 === 0,
      ...(index % 3 === 0 ? { claudeCodeSessionId: index % 4 === 0 ? 'session-a' : 'session-b' } : {}),
    };
  });
}

beforeAll(async () => {
  const store = await openSeedStore();
  try {
    const laptop = await store.apiKeys.create({ name: 'laptop', userId: 'ada' });
    const ci = await store.apiKeys.create({ name: 'ci', userId: 'bob' });
    laptopId = laptop.record.id;
    await store.usage.writeBatch(seededRecords(Date.now(), [laptop.record.id, ci.record.id, 'master']));
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function proxy(args: string[]) {
  return execa('node', [binary, ...args, '--data-dir', dataDir], { env: cleanEnv, extendEnv: false, reject: false, timeout: 30_000 });
}

async function usageJson(args: string[] = []): Promise<UsageSummary> {
  const result = await proxy(['usage', '--json', ...args]);
  expect(result.exitCode, String(result.stderr)).toBe(0);
  return JSON.parse(String(result.stdout)) as UsageSummary;
}

describe('proxy usage, printed once', () => {
  it('--json: the exact totals of the last hour, with the estimate and its date', async () => {
    const summary = await usageJson();
    expect(summary.totals).toEqual({
      requests: 300,
      successes: 290,
      errors: 10,
      errorsByType: [{ type: 'rate_limit_error', count: 10 }],
      inputTokens: 29_000,
      outputTokens: 5_800,
      cacheReadTokens: 14_500,
      cacheWriteTokens: 2_900,
      cacheHitRate: 14_500 / 46_400,
      // 290 successes: 20 at 100 ms, 30 each at 110…190 ms → rank 145 is 150 ms, rank 276 is 190 ms
      latencyMs: { p50: 150, p95: 190 },
      timeToFirstTokenMs: { p50: 70, p95: 90 },
      // 150 Sonnet × $0.0006525 + 140 Haiku × $0.0002175
      estimatedCostUsd: 0.128325,
      unpricedRequests: 0,
    });
    expect(summary.series.counts).toHaveLength(60);
    expect(summary.series.counts.reduce((sum, count) => sum + count, 0)).toBe(300);
    expect(summary.pricing).toMatchObject({ date: '2026-11-28' });
    expect(summary.pricing.note).toContain('estimate');
    expect(summary.byKey.map((row) => [row.keyId === laptopId ? 'laptop id' : row.keyId.slice(0, 4), row.name, row.userId, row.requests, row.errors]).sort()).toEqual([
      ['key_', 'ci', 'bob', 100, 0],
      ['laptop id', 'laptop', 'ada', 100, 10],
      ['mast', null, null, 100, 0],
    ]);
    expect(summary.byModel.map((row) => [row.model, row.requests, row.estimatedCostUsd])).toEqual([
      ['claude-haiku-4-5', 150, 0.03045],
      ['claude-sonnet-4-5', 150, 0.097875],
    ]);
    expect(summary.bySession.map((row) => [row.sessionId, row.requests]).sort()).toEqual([['session-a', 25], ['session-b', 75]]);
  }, 30_000);

  it.each([
    [['--key', 'laptop'], 100],
    [['--model', 'claude-sonnet-4-5'], 150],
    [['--since', '30m'], 200],
    [['--window', '24h', '--key', 'master', '--model', 'claude-haiku-4-5'], 50],
  ])('%j narrows it to %i requests', async (args, requests) => {
    const summary = await usageJson(args);
    expect(summary.totals.requests).toBe(requests);
  }, 30_000);

  it('--key by id agrees with --key by name', async () => {
    expect((await usageJson(['--key', laptopId])).totals).toEqual((await usageJson(['--key', 'laptop'])).totals);
  }, 30_000);

  it('--no-tui prints the same numbers as tables', async () => {
    const result = await proxy(['usage', '--no-tui']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    const text = String(result.stdout);
    expect(text).toMatch(/│ Requests +│ 300 +│/);
    expect(text).toMatch(/│ Errors +│ 10 \(rate_limit_error 10\) +│/);
    expect(text).toMatch(/│ Input tokens +│ 29\.0k +│/);
    expect(text).toMatch(/│ Output tokens +│ 5\.8k +│/);
    expect(text).toMatch(/│ Cost +│ \$0\.1283 \(estimate\) +│/);
    expect(text).toMatch(new RegExp(`│ ${laptopId} +│ laptop +│ ada +│ 100 +│ 10 +│ 9\\.0k +│`));
    expect(text).toMatch(/│ claude-sonnet-4-5 +│ us\.anthropic\.claude-sonnet-4-5-20250929-v1:0 +│ 150 +│/);
  }, 30_000);

  it.each([
    [['--window', '2d'], 'proxy: --window must be one of 15m, 1h, 24h, 7d'],
    [['--since', 'yesterday', '--json'], 'proxy: --since must be a duration such as 30m, 2h or 7d, or an ISO 8601 time such as 2026-11-27T08:00:00Z; got "yesterday"'],
    [['--key', 'nobody', '--json'], 'proxy: --key "nobody" is neither a key id nor a key name; list them with: proxy keys list'],
    [['--refresh', '0'], 'proxy: --refresh must be from 1 to 3600 seconds'],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const result = await proxy(['usage', ...args]);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr).trim()).toBe(message);
  }, 30_000);
});

describe.skipIf(tmuxMissing)('proxy usage in a real terminal (tmux)', () => {
  it('shows the totals, switches to the keys view with Tab, and ends with q', async () => {
    const socket = `proxy-usage-${process.pid}-${randomBytes(4).toString('hex')}`;
    const exitFile = path.join(dataDir, 'dashboard-exit-code');
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: { ...process.env, ...cleanEnv } });
    const pane = () => tmux('capture-pane', '-p', '-t', 'usage').stdout;
    // Generous: on a busy 2-core machine starting node and ink in a fresh terminal can take seconds.
    const waitForPane = async (text: string | RegExp): Promise<string> => {
      let shown = '';
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        shown = pane();
        if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const session = tmux('has-session', '-t', 'usage').status === 0 ? 'still running' : `ended (exit file: ${existsSync(exitFile) ? readFileSync(exitFile, 'utf8').trim() : 'absent'})`;
      throw new Error(`the terminal never showed ${String(text)}; the command has ${session}; it shows:\n${shown.trimEnd()}`);
    };
    // CI=true as on a CI machine: ink alone would then draw nothing until exit.
    const command = `CI=true node '${binary}' usage --data-dir '${dataDir}'; echo $? > '${exitFile}'`;
    try {
      const started = tmux('new-session', '-d', '-s', 'usage', '-x', '100', '-y', '30', command);
      expect(started.status, started.stderr).toBe(0);
      const overview = await waitForPane('Requests        300');
      expect(overview).toContain('proxy usage · last 1h');
      expect(overview).toContain('Tokens          in 29.0k · out 5.8k · cache read 14.5k · cache write 2.9k');
      expect(overview).toContain('Cost (estimate) $0.1283');
      expect(overview.trimEnd().split('\n').length).toBeLessThanOrEqual(29);

      tmux('send-keys', '-t', 'usage', 'Tab');
      const keys = await waitForPane(/laptop +key_\S+ +ada +100 +10 +9\.0k/);
      expect(keys).toMatch(/ci +key_\S+ +bob +100 +0 +10\.0k/);

      tmux('send-keys', '-t', 'usage', 'q');
      for (let attempt = 0; attempt < 150 && tmux('has-session', '-t', 'usage').status === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(tmux('has-session', '-t', 'usage').status).not.toBe(0);
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    } finally {
      tmux('kill-server');
    }
  }, 120_000);
});

describe.skipIf(process.env['PROXY_USAGE_SCALE'] === undefined)('proxy usage with 100 000 records (set PROXY_USAGE_SCALE=1; prints timings)', () => {
  it('loads and aggregates a day of 100 000 records, then refreshes', async () => {
    const scaleDir = mkdtempSync(path.join(tmpdir(), 'proxy-usage-scale-'));
    const store = await openStore({ location: { kind: 'embedded', dataDir: scaleDir }, tables, usageTtlDays: 90, role: 'client' });
    try {
      const keys = await Promise.all(['a', 'b', 'c', 'd'].map((name) => store.apiKeys.create({ name, userId: 'scale' })));
      const now = Date.now();
      const records = Array.from({ length: 100_000 }, (_, index): UsageRecord => ({
        keyId: keys[index % 4]?.record.id ?? 'master',
        timestamp: new Date(now - 60_000 - Math.floor((index * 86_000_000) / 100_000)).toISOString(),
        requestId: `req_scale_${index}`,
        model: 'claude-sonnet-4-5',
        bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 5000, cacheWriteInputTokens: 100,
        tokensEstimated: false, latencyMs: 800 + (index % 700), status: 200, success: true, stream: true, timeToFirstTokenMs: 300 + (index % 200),
        claudeCodeSessionId: `session-${index % 500}`,
      }));
      const seedStarted = performance.now();
      await store.usage.writeBatch(records);
      const seedMs = performance.now() - seedStarted;

      const loader = createUsageLoader();
      const first = performance.now();
      const range = windowRange('24h', new Date());
      const loaded = await loader.load(store, range);
      const loadMs = performance.now() - first;
      const summary = aggregateUsage(loaded.records, { window: range, now: range.until, keyNames: loaded.keyNames });
      const fullMs = performance.now() - first;
      expect(summary.totals.requests).toBe(100_000);

      const later = windowRange('24h', new Date(range.until.getTime() + 3000));
      const refreshStarted = performance.now();
      const refreshed = await loader.load(store, later);
      const refreshSummary = aggregateUsage(refreshed.records, { window: later, now: later.until, keyNames: refreshed.keyNames });
      const refreshMs = performance.now() - refreshStarted;
      expect(refreshSummary.totals.requests).toBe(100_000);
      console.info(
        `usage at scale: seeding ${Math.round(seedMs)} ms; first load ${Math.round(loadMs)} ms + aggregate ${Math.round(fullMs - loadMs)} ms; refresh (incremental load + aggregate) ${Math.round(refreshMs)} ms`,
      );
    } finally {
      await store.close();
      rmSync(scaleDir, { recursive: true, force: true });
    }
  }, 600_000);
});
