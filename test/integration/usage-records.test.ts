import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/store/types.js';
import { scriptedMessages } from '../support/mock-script.js';
import { rawRequest } from '../support/raw-http.js';
import { testMasterKey, useTestProxy } from '../support/start-test-proxy.js';

const stack = useTestProxy();
const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey, 'user-agent': 'usage-test/1.0', 'x-claude-code-session-id': 'session-42' };

async function recordsOf(keyId: string, expected: number, timeoutMs = 15_000): Promise<UsageRecord[]> {
  const deadline = Date.now() + timeoutMs;
  let records: UsageRecord[] = [];
  while (Date.now() < deadline) {
    records = await stack.proxy.store.usage.query({ keyId });
    if (records.length >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return records;
}

/** Reads a stream until its first content delta, then hangs up. */
async function abandonStream(body: string): Promise<void> {
  const controller = new AbortController();
  const response = await request(`${stack.url}/v1/messages`, { method: 'POST', headers, body, signal: controller.signal });
  try {
    for await (const chunk of response.body) {
      if (String(chunk).includes('content_block_delta')) break;
    }
  } finally {
    controller.abort();
  }
}

describe('usage records', () => {
  it('leave exactly one record per request: 240 concurrent requests, streamed, not, and abandoned', async () => {
    const requests: Array<Promise<unknown>> = [];
    const slow = { content: [{ text: 'tick '.repeat(60) }], eventDelayMs: 20 };
    for (let index = 0; index < 80; index += 1) {
      requests.push(rawRequest(`${stack.url}/v1/messages`, { headers, body: JSON.stringify({ model, max_tokens: 100, messages: scriptedMessages({ content: [{ text: `answer ${index}` }] }) }) }));
      requests.push(rawRequest(`${stack.url}/v1/messages`, { headers, body: JSON.stringify({ model, max_tokens: 100, stream: true, messages: scriptedMessages({ content: [{ text: `stream ${index}` }] }) }) }));
      requests.push(abandonStream(JSON.stringify({ model, max_tokens: 1000, stream: true, messages: scriptedMessages(slow) })));
    }
    await Promise.all(requests);
    const records = await recordsOf('master', 240);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const settled = await stack.proxy.store.usage.query({ keyId: 'master' });
    expect(settled).toHaveLength(240);
    expect(new Set(settled.map((record) => record.requestId)).size).toBe(240);
    expect(records.length).toBe(240);

    const plain = settled.filter((record) => !record.stream);
    const streamed = settled.filter((record) => record.stream && record.status === 200);
    const abandoned = settled.filter((record) => record.status === 499);
    expect([plain.length, streamed.length, abandoned.length]).toEqual([80, 80, 80]);
    for (const record of [...plain, ...streamed]) {
      expect(record).toMatchObject({ success: true, tokensEstimated: false, model, api: 'invoke', userAgent: 'usage-test/1.0', claudeCodeSessionId: 'session-42' });
      expect(record.inputTokens).toBeGreaterThan(0);
      expect(record.outputTokens).toBeGreaterThan(0);
    }
    for (const record of streamed) expect(record.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    for (const record of abandoned) {
      expect(record).toMatchObject({ success: false, errorType: 'client_closed', tokensEstimated: true });
      expect(record.outputTokens).toBeGreaterThan(0);
    }
  }, 60_000);

  it('record the tokens the client was told, and failures with their error type', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers,
      body: JSON.stringify({ model, max_tokens: 100, messages: scriptedMessages({ content: [{ text: 'ok' }], usage: { inputTokens: 11, outputTokens: 22, cacheReadInputTokens: 33, cacheWriteInputTokens: 44 } }) }),
    });
    const requestId = response.headers['request-id'] as string;
    const refused = await rawRequest(`${stack.url}/v1/messages`, { headers: { ...headers, 'x-api-key': 'sk-wrong' }, body: '{}' });
    const throttled = await rawRequest(`${stack.url}/v1/messages`, { headers, body: JSON.stringify({ model, max_tokens: 10, messages: scriptedMessages('throttle') }) });

    const find = async (id: string) => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const found = await stack.proxy.store.usage.findByRequestId(id);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return undefined;
    };
    expect(await find(requestId)).toMatchObject({ keyId: 'master', inputTokens: 11, outputTokens: 22, cacheReadInputTokens: 33, cacheWriteInputTokens: 44, status: 200, success: true });
    expect(await find(refused.headers['request-id'] as string)).toMatchObject({ keyId: 'unauthenticated', status: 401, errorType: 'authentication_error', success: false, inputTokens: 0 });
    expect(await find(throttled.headers['request-id'] as string)).toMatchObject({ keyId: 'master', status: 429, errorType: 'rate_limit_error', success: false, bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' });
  });
});

describe('a client that leaves before a non-streamed answer', () => {
  it('is recorded as 499 client_closed', async () => {
    const controller = new AbortController();
    const pending = request(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers,
      signal: controller.signal,
      body: JSON.stringify({ model, max_tokens: 100, messages: scriptedMessages({ content: [{ text: 'late' }], latencyMs: 400 }) }),
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await pending;
    let records: UsageRecord[] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      records = (await stack.proxy.store.usage.query({ keyId: 'master' })).filter((record) => record.status === 499 && !record.stream);
      if (records.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ errorType: 'client_closed', success: false, tokensEstimated: false });
  });
});
