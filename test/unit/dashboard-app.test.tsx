import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { aggregateUsage } from '../../src/dashboard/aggregate-usage.js';
import { defaultFormatters } from '../../src/dashboard/formatters.js';
import { UsageApp, type SummaryRequest } from '../../src/dashboard/usage-app.js';
import { windowRange } from '../../src/dashboard/usage-window.js';
import type { UsageRecord } from '../../src/store/types.js';

const now = new Date('2026-11-28T12:00:00.000Z');
const keyNames = new Map([
  ['key_laptop', { name: 'laptop', userId: 'ada' }],
  ['key_ci', { name: 'ci', userId: 'bob' }],
]);

function record(index: number, keyId: string, minutesAgo: number): UsageRecord {
  return {
    keyId,
    timestamp: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
    requestId: `req_${index}`,
    model: 'claude-sonnet-4-5',
    inputTokens: 1000,
    outputTokens: 100,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    tokensEstimated: false,
    latencyMs: 500,
    status: 200,
    success: true,
    stream: false,
  };
}

/** 5 laptop requests in the last 10 minutes, 3 ci requests 30 to 50 minutes ago, 1 ci request 20 hours ago. */
const records = [
  ...[1, 2, 3, 4, 5].map((minutes, index) => record(index, 'key_laptop', minutes)),
  ...[30, 40, 50].map((minutes, index) => record(10 + index, 'key_ci', minutes)),
  record(20, 'key_ci', 20 * 60),
];

function fakeSource(rows: UsageRecord[] = records) {
  const requests: SummaryRequest[] = [];
  return {
    rows,
    requests,
    failWith: undefined as Error | undefined,
    async fetchSummary(request: SummaryRequest) {
      requests.push(request);
      if (this.failWith !== undefined) throw this.failWith;
      const window = windowRange(request.window, now);
      return aggregateUsage(this.rows, { window, now, keyNames, keyFilter: request.keyFilter });
    },
  };
}

/** A refresh timer the test fires by hand. */
function manualTimer() {
  const callbacks = new Set<() => void>();
  return {
    every: (_ms: number, callback: () => void) => {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    fire: () => {
      for (const callback of callbacks) callback();
    },
  };
}

const noTimer = () => () => {};

async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits (bounded) for a frame showing `text`, or passing `shows` when it is a function. */
async function waitForFrame(frame: () => string | undefined, text: string | ((frame: string) => boolean)): Promise<string> {
  const shows = typeof text === 'string' ? (current: string) => current.includes(text) : text;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const current = frame() ?? '';
    if (shows(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the frame never showed ${typeof text === 'string' ? `"${text}"` : 'what was expected'}; last frame:\n${frame() ?? ''}`);
}

function renderApp(source = fakeSource(), every: (ms: number, callback: () => void) => () => void = noTimer) {
  const app = render(
    <UsageApp fetchSummary={(request) => source.fetchSummary(request)} initialWindow="1h" refreshMs={3000} colour={false} formatters={defaultFormatters} size={{ columns: 80, rows: 24 }} every={every} />,
  );
  return { ...app, source };
}

describe('the usage dashboard, driven by keys', () => {
  it('opens on the overview of the last hour', async () => {
    const app = renderApp();
    const frame = await waitForFrame(app.lastFrame, 'Requests        8');
    expect(frame).toContain('proxy usage · last 1h · 11-28 11:00 → 11-28 12:00 UTC');
    expect(frame).toContain('[Overview]');
    expect(app.source.requests).toEqual([{ window: '1h', keyFilter: '' }]);
    app.unmount();
  });

  it('Tab and the arrows switch views; w cycles the window and reloads', async () => {
    const app = renderApp();
    await waitForFrame(app.lastFrame, 'Requests        8');
    app.stdin.write('\t');
    let frame = await waitForFrame(app.lastFrame, '[Keys]');
    expect(frame).toMatch(/laptop\s+ada\s+5/);
    expect(frame).toMatch(/ci\s+bob\s+3/);
    app.stdin.write('\u001B[C');
    await waitForFrame(app.lastFrame, '[Models]');
    app.stdin.write('\u001B[D');
    await waitForFrame(app.lastFrame, '[Keys]');
    app.stdin.write('w');
    frame = await waitForFrame(app.lastFrame, 'last 24h');
    frame = await waitForFrame(app.lastFrame, 'ci                 bob                  4');
    expect(app.source.requests.map((request) => request.window)).toEqual(['1h', '24h']);
    app.unmount();
  });

  it('/ opens the filter; Enter narrows the Keys table; Esc clears it', async () => {
    const app = renderApp();
    await waitForFrame(app.lastFrame, 'Requests        8');
    app.stdin.write('\t');
    await waitForFrame(app.lastFrame, '[Keys]');
    app.stdin.write('/');
    await waitForFrame(app.lastFrame, 'Filter keys: ▏');
    app.stdin.write('lap');
    await waitForFrame(app.lastFrame, 'Filter keys: lap▏');
    app.stdin.write('\r');
    // The filter shows at once; the narrowed numbers arrive with the next load.
    const frame = await waitForFrame(app.lastFrame, (current) => current.includes('filter: lap') && !/ci\s+bob/.test(current));
    expect(frame).toMatch(/laptop\s+ada\s+5/);
    expect(frame).not.toMatch(/ci\s+bob/);
    expect(app.source.requests.at(-1)).toEqual({ window: '1h', keyFilter: 'lap' });
    app.unmount();
  });

  it('q quits: the app unmounts and stops reading keys', async () => {
    const app = renderApp();
    await waitForFrame(app.lastFrame, 'Requests        8');
    expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
    app.stdin.write('q');
    for (let attempt = 0; attempt < 200 && app.stdin.listenerCount('readable') > 0; attempt += 1) await settle();
    expect(app.stdin.listenerCount('readable')).toBe(0);
  });
});

describe('refreshing', () => {
  it('a refresh with new numbers shows them; one with the same numbers draws nothing', async () => {
    const timer = manualTimer();
    const source = fakeSource([...records]);
    const app = renderApp(source, timer.every);
    await waitForFrame(app.lastFrame, 'Requests        8');
    const framesBefore = app.frames.length;
    timer.fire();
    for (let attempt = 0; attempt < 200 && source.requests.length < 2; attempt += 1) await settle();
    await settle();
    expect(source.requests).toHaveLength(2);
    expect(app.frames.length).toBe(framesBefore);

    source.rows = [...records, record(30, 'key_ci', 0.5)];
    timer.fire();
    await waitForFrame(app.lastFrame, 'Requests        9');
    app.unmount();
  });

  it('a failed refresh keeps the numbers and says why', async () => {
    const timer = manualTimer();
    const source = fakeSource();
    const app = renderApp(source, timer.every);
    await waitForFrame(app.lastFrame, 'Requests        8');
    source.failWith = new Error('usage table unreachable');
    timer.fire();
    const frame = await waitForFrame(app.lastFrame, 'Refresh failed: usage table unreachable');
    expect(frame).toContain('Requests        8');
    app.unmount();
  });
});
