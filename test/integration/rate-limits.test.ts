import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { scriptedMessages } from '../support/mock-script.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { startTestProxy, testMasterKey, useTestProxy } from '../support/start-test-proxy.js';

const stack = useTestProxy({ API_KEY_CACHE_TTL: '0' });
const model = 'claude-sonnet-4-5';
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function ask(url: string, key: string, script: Parameters<typeof scriptedMessages>[0] = 'text'): Promise<RawResponse> {
  return rawRequest(`${url}/v1/messages`, {
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ model, max_tokens: 50, messages: scriptedMessages(script) }),
  });
}

describe('rate limits per API key', () => {
  it('answer within the limit with Anthropic headers, then 429 rate_limit_error with retry-after and the same headers', async () => {
    const { key, record } = await stack.proxy.store.apiKeys.create({ name: 'limited', userId: 'ada', rateLimit: 3 });
    const answers = [await ask(stack.url, key), await ask(stack.url, key), await ask(stack.url, key)];
    expect(answers.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(answers.map((response) => response.headers['anthropic-ratelimit-requests-remaining'])).toEqual(['2', '1', '0']);
    for (const response of answers) {
      expect(response.headers['anthropic-ratelimit-requests-limit']).toBe('3');
      expect(response.headers['anthropic-ratelimit-requests-reset']).toMatch(rfc3339);
    }
    const refused = await ask(stack.url, key);
    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringContaining('rate limit of 3 requests per minute') } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect(refused.headers['anthropic-ratelimit-requests-remaining']).toBe('0');
    expect(refused.headers['anthropic-ratelimit-requests-reset']).toMatch(rfc3339);

    const requestId = refused.headers['request-id'] as string;
    let recorded;
    for (let attempt = 0; recorded === undefined && attempt < 50; attempt += 1) {
      recorded = await stack.proxy.store.usage.findByRequestId(requestId);
      if (recorded === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recorded).toMatchObject({ keyId: record.id, status: 429, errorType: 'rate_limit_error', success: false, inputTokens: 0 });
  });

  it('never admit more than allowed under hundreds of concurrent requests', async () => {
    const { key } = await stack.proxy.store.apiKeys.create({ name: 'burst', userId: 'ada', rateLimit: 50 });
    const callsBefore = stack.simulator.calls.length;
    const responses = await Promise.all(Array.from({ length: 300 }, () => ask(stack.url, key)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.filter((status) => status === 429)).toHaveLength(250);
    expect(stack.simulator.calls.length - callsBefore).toBe(50);
  }, 30_000);

  it('limit output tokens: a key over its output budget waits until it refills', async () => {
    const { key } = await stack.proxy.store.apiKeys.create({ name: 'tokens', userId: 'ada', outputTokensPerMinute: 10, inputTokensPerMinute: 100_000 });
    const first = await ask(stack.url, key, { content: [{ text: 'long' }], usage: { inputTokens: 5, outputTokens: 40 } });
    expect(first.status).toBe(200);
    expect(first.headers['anthropic-ratelimit-output-tokens-limit']).toBe('10');
    expect(first.headers['anthropic-ratelimit-input-tokens-limit']).toBe('100000');
    const second = await ask(stack.url, key);
    expect(second.status).toBe(429);
    expect((second.json() as { error: { message: string } }).error.message).toMatch(/output tokens/);
    expect(Number(second.headers['retry-after'])).toBeGreaterThanOrEqual(60);
    expect(second.headers['anthropic-ratelimit-output-tokens-remaining']).toBe('0');
  });

  it('refuse a request too large for the key\'s input-token limit, saying it can never pass', async () => {
    const { key } = await stack.proxy.store.apiKeys.create({ name: 'small', userId: 'ada', inputTokensPerMinute: 10 });
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'word '.repeat(200) }] }),
    });
    expect(response.status).toBe(429);
    expect((response.json() as { error: { message: string } }).error.message).toMatch(/input tokens/);
  });

  it('leave the master key unlimited', async () => {
    const response = await ask(stack.url, testMasterKey);
    expect(response.status).toBe(200);
    expect(response.headers['anthropic-ratelimit-requests-limit']).toBeUndefined();
  });
});

describe('the Anthropic SDK', () => {
  it('waits for retry-after on a 429 and then succeeds', async () => {
    const limited = await startTestProxy({ RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW: '2', API_KEY_CACHE_TTL: '0' });
    try {
      const { key } = await limited.proxy.store.apiKeys.create({ name: 'retrying', userId: 'ada' });
      const attempts: Array<{ status: number; retryAfter: string | null; at: number }> = [];
      const recordingFetch: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        attempts.push({ status: response.status, retryAfter: response.headers.get('retry-after'), at: Date.now() });
        return response;
      };
      const client = new Anthropic({ baseURL: limited.url, apiKey: key, maxRetries: 2, fetch: recordingFetch });
      const params = { model, max_tokens: 20, messages: scriptedMessages('text') };
      await client.messages.create(params);
      await client.messages.create(params);
      const startedAt = Date.now();
      const message = await client.messages.create(params);
      expect(message.type).toBe('message');
      const third = attempts.slice(2);
      expect(third.map((attempt) => attempt.status)).toEqual([429, 200]);
      expect(third[0]!.retryAfter).toBe('1');
      expect(third[1]!.at - startedAt).toBeGreaterThanOrEqual(900);
    } finally {
      await limited.close();
    }
  }, 20_000);
});
