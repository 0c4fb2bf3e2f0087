import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { scriptedMessages } from '../support/mock-script.js';
import { startTestProxy, testMasterKey, type TestProxy } from '../support/start-test-proxy.js';

const model = 'claude-sonnet-4-5';
const prefix = 'anthropic_proxy_';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format, enough of it for these tests: one sample per line. */
function parseExposition(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (match === null) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((sample) => sample.name === `${prefix}${name}` && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return found.length === 0 ? undefined : found.reduce((sum, sample) => sum + sample.value, 0);
}

async function post(stack: TestProxy, body: unknown, key: string | null = testMasterKey) {
  const response = await request(`${stack.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...(key === null ? {} : { 'x-api-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, text: await response.body.text() };
}

describe('GET /metrics and the request log', () => {
  let stack: TestProxy;
  const lines: string[] = [];
  let limitedKey = '';

  beforeAll(async () => {
    const logger = createLogger({ level: 'info', write: (line) => lines.push(line) });
    stack = await startTestProxy({ CLAUDE_API: 'converse', LOG_LEVEL: 'info' }, { logger });
    limitedKey = (await stack.proxy.store.apiKeys.create({ name: 'limited', userId: 'ada', rateLimit: 1 })).key;

    const answer = { content: [{ text: 'Hello there' }], usage: { inputTokens: 11, outputTokens: 7 } };
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages(answer) })).status).toBe(200);
    expect((await post(stack, { model, max_tokens: 50, stream: true, messages: scriptedMessages(answer) })).status).toBe(200);
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages(answer) }, null)).status).toBe(401);
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages(answer) }, 'sk-proxy-wrongwrongwrongwrongwrongwrongwrongwro')).status).toBe(401);
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages(answer) }, limitedKey)).status).toBe(200);
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages(answer) }, limitedKey)).status).toBe(429);
    expect((await post(stack, { model, max_tokens: 50, messages: scriptedMessages({ error: { name: 'ValidationException' } }) })).status).toBe(400);
  }, 30_000);

  afterAll(async () => {
    await stack?.close();
  });

  async function scrape(): Promise<{ contentType: string; samples: Sample[] }> {
    const response = await request(`${stack.url}/metrics`);
    expect(response.statusCode).toBe(200);
    return { contentType: String(response.headers['content-type']), samples: parseExposition(await response.body.text()) };
  }

  it('serves the Prometheus text format without a key', async () => {
    const { contentType, samples } = await scrape();
    expect(contentType).toContain('text/plain');
    expect(contentType).toContain('version=0.0.4');
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts requests by route, status, model and Bedrock API', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'requests_total', { route: '/v1/messages', status: '200', model, api: 'converse' })).toBe(3);
    expect(valueOf(samples, 'requests_total', { route: '/v1/messages', status: '401', model: 'none', api: 'none' })).toBe(2);
    expect(valueOf(samples, 'requests_total', { route: '/v1/messages', status: '429', model })).toBe(1);
    expect(valueOf(samples, 'requests_total', { route: '/v1/messages', status: '400', model, api: 'converse' })).toBe(1);
    expect(valueOf(samples, 'request_duration_seconds_count', { route: '/v1/messages', status: '200', api: 'converse' })).toBe(3);
  });

  it('times Bedrock calls, and the first token of streams', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'bedrock_call_duration_seconds_count', { api: 'converse', operation: 'converse', outcome: 'ok' })).toBe(2);
    expect(valueOf(samples, 'bedrock_call_duration_seconds_count', { api: 'converse', operation: 'converse', outcome: 'error' })).toBe(1);
    expect(valueOf(samples, 'bedrock_call_duration_seconds_count', { api: 'converse', operation: 'converse-stream', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, 'time_to_first_token_seconds_count', { api: 'converse', model })).toBe(1);
  });

  it('adds up tokens, refusals, auth failures; streams and the usage queue are back to zero', async () => {
    const { samples } = await scrape();
    expect(valueOf(samples, 'tokens_total', { direction: 'input', model })).toBe(33);
    expect(valueOf(samples, 'tokens_total', { direction: 'output', model })).toBe(21);
    expect(valueOf(samples, 'rate_limit_rejections_total', { kind: 'requests' })).toBe(1);
    expect(valueOf(samples, 'auth_failures_total', { reason: 'missing' })).toBe(1);
    expect(valueOf(samples, 'auth_failures_total', { reason: 'invalid' })).toBe(1);
    expect(valueOf(samples, 'active_streams')).toBe(0);
    expect(valueOf(samples, 'usage_spool_records')).toBe(0);
    expect(valueOf(samples, 'usage_writer_queue_depth')).toBeGreaterThanOrEqual(0);
  });

  it('logs one JSON line per request with who, what and how, never a key', async () => {
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry['message'] === 'request' && entry['route'] === '/v1/messages');
    expect(requests).toHaveLength(7);
    const [first, streamed, missing, , limitedOk, limited] = requests;
    expect(first).toMatchObject({ level: 'info', status: 200, keyId: 'master', model, api: 'converse', stream: false, inputTokens: 11, outputTokens: 7 });
    expect(typeof first?.['requestId']).toBe('string');
    expect(typeof first?.['latencyMs']).toBe('number');
    expect(typeof first?.['time']).toBe('string');
    expect(streamed).toMatchObject({ status: 200, stream: true, inputTokens: 11, outputTokens: 7 });
    expect(missing).toMatchObject({ status: 401 });
    expect(limitedOk?.['keyId']).toMatch(/^key_/);
    expect(limited).toMatchObject({ status: 429, errorType: 'rate_limit_error' });
    const everything = lines.join('\n');
    expect(everything).not.toContain(limitedKey);
    expect(everything).not.toContain(testMasterKey);
  });
});

describe('ENABLE_METRICS=false', () => {
  it('answers /metrics with a 404 not_found_error', async () => {
    const stack = await startTestProxy({ ENABLE_METRICS: 'false' });
    try {
      const response = await request(`${stack.url}/metrics`);
      expect(response.statusCode).toBe(404);
      expect(await response.body.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    } finally {
      await stack.close();
    }
  });
});
