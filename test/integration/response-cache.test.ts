import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/store/types.js';
import { bedrockApis, clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames } from '../support/raw-http.js';
import { testMasterKey, type TestProxy } from '../support/start-test-proxy.js';

const proxies = useTestProxiesForBothApis({ RESPONSE_CACHE: 'on' });
const model = 'claude-sonnet-4-5';

/** A deterministic request (temperature 0) whose text no other test sends. */
function uniqueBody(overrides: Record<string, unknown> = {}) {
  const script = { content: [{ text: `The answer is ${randomUUID()}` }], usage: { inputTokens: 12, outputTokens: 8 } };
  return { model, max_tokens: 100, temperature: 0, messages: scriptedMessages(script), ...overrides };
}

async function post(stack: TestProxy, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${stack.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': testMasterKey, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.statusCode,
    cache: response.headers['x-proxy-cache'],
    requestId: String(response.headers['request-id']),
    contentType: String(response.headers['content-type']),
    text: await response.body.text(),
  };
}

/** The SDKs add `parsed_output` to messages they accumulate from a stream; it is not part of the answer. */
function withoutParsedOutput(message: object): object {
  const { parsed_output: _parsed, ...rest } = message as { parsed_output?: unknown };
  return rest;
}

async function usageRecord(stack: TestProxy, requestId: string): Promise<UsageRecord | undefined> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const found = await stack.proxy.store.usage.findByRequestId(requestId);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe.each(bedrockApis)('the response cache over %s', (api) => {
  const stack = () => proxies[api];

  it('answers a repeated temperature-0 request from the cache: same content, new id, no Bedrock call', async () => {
    const body = uniqueBody();
    const callsBefore = stack().simulator.calls.length;
    const first = await post(stack(), body);
    const second = await post(stack(), body);
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'miss', 200, 'hit']);
    expect(stack().simulator.calls.length - callsBefore).toBe(1);
    const [original, replayed] = [JSON.parse(first.text), JSON.parse(second.text)];
    expect(replayed.id).not.toBe(original.id);
    expect({ ...replayed, id: original.id }).toEqual(original);
  });

  it('replays a hit on a streaming request as a complete SSE stream the SDKs accumulate', async () => {
    // The 1.x SDK sends anthropic-version 2026-10-21, which has no temperature: it asks for caching with the header.
    const body = uniqueBody({ temperature: undefined });
    const forced = { headers: { 'x-proxy-cache': 'force' } };
    const original = await clientOf(stack(), '1.x').messages.create(body, forced);
    const callsBefore = stack().simulator.calls.length;
    const raw = await post(stack(), { ...body, stream: true }, forced.headers);
    expect([raw.status, raw.cache]).toEqual([200, 'hit']);
    expect(raw.contentType).toContain('text/event-stream');
    const events = parseSseFrames(raw.text).map((frame) => frame.event);
    expect(events).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    for (const sdk of ['1.x', '0.x'] as const) {
      const streamed = await clientOf(stack(), sdk).messages.stream(body, forced).finalMessage();
      expect(withoutParsedOutput({ ...streamed, id: original.id })).toEqual(original);
    }
    expect(stack().simulator.calls.length).toBe(callsBefore);
  });

  it('fills the cache from a streamed answer too', async () => {
    const body = uniqueBody();
    const streamed = await clientOf(stack(), '0.x').messages.stream(body).finalMessage();
    const callsBefore = stack().simulator.calls.length;
    const whole = await post(stack(), body);
    expect(whole.cache).toBe('hit');
    expect({ ...JSON.parse(whole.text), id: streamed.id }).toEqual(withoutParsedOutput(streamed));
    expect(stack().simulator.calls.length).toBe(callsBefore);
  });

  it('records a hit in usage as such, with no Bedrock tokens', async () => {
    const body = uniqueBody();
    const miss = await post(stack(), body);
    const hit = await post(stack(), body);
    expect(await usageRecord(stack(), miss.requestId)).toMatchObject({ inputTokens: 12, outputTokens: 8, api });
    const record = await usageRecord(stack(), hit.requestId);
    expect(record).toMatchObject({ cacheHit: true, inputTokens: 0, outputTokens: 0, status: 200, success: true, model });
    expect(record?.api).toBeUndefined();
  });

  it.each([
    ['no temperature (1.0 on Claude)', uniqueBody({ temperature: undefined }), {}],
    ['temperature 0.5', uniqueBody({ temperature: 0.5 }), {}],
    ['thinking on, even when forced', uniqueBody({ temperature: undefined, max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 1024 } }), { 'x-proxy-cache': 'force' }],
    ['x-proxy-cache: bypass', uniqueBody(), { 'x-proxy-cache': 'bypass' }],
  ])('never caches a request with %s', async (_name, body, headers) => {
    const callsBefore = stack().simulator.calls.length;
    const first = await post(stack(), body, headers);
    const second = await post(stack(), body, headers);
    expect([first.status, first.cache, second.cache]).toEqual([200, 'bypass', 'bypass']);
    expect(stack().simulator.calls.length - callsBefore).toBe(2);
  });

  it('caches any request sent with x-proxy-cache: force', async () => {
    const body = uniqueBody({ temperature: 1 });
    const first = await post(stack(), body, { 'x-proxy-cache': 'force' });
    const second = await post(stack(), body, { 'x-proxy-cache': 'force' });
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
  });

  it('never shares entries between users', async () => {
    const body = uniqueBody();
    const ada = (await stack().proxy.store.apiKeys.create({ name: 'ada', userId: `ada-${api}` })).key;
    const adaAgain = (await stack().proxy.store.apiKeys.create({ name: 'ada 2', userId: `ada-${api}` })).key;
    const bob = (await stack().proxy.store.apiKeys.create({ name: 'bob', userId: `bob-${api}` })).key;
    expect((await post(stack(), body, { 'x-api-key': ada })).cache).toBe('miss');
    expect((await post(stack(), body, { 'x-api-key': adaAgain })).cache).toBe('hit');
    expect((await post(stack(), body, { 'x-api-key': bob })).cache).toBe('miss');
    expect((await post(stack(), body)).cache).toBe('miss');
  });

  it('leaves out a key that opted out (proxy keys set-options --response-cache off)', async () => {
    const body = uniqueBody();
    const issued = await stack().proxy.store.apiKeys.create({ name: 'no cache', userId: `carol-${api}`, responseCache: false });
    const callsBefore = stack().simulator.calls.length;
    const first = await post(stack(), body, { 'x-api-key': issued.key });
    const second = await post(stack(), body, { 'x-api-key': issued.key, 'x-proxy-cache': 'force' });
    expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'bypass', 200, 'bypass']);
    expect(stack().simulator.calls.length - callsBefore).toBe(2);
  });

  it('does not cache an answer that failed', async () => {
    const body = { ...uniqueBody(), messages: scriptedMessages({ error: { name: 'ThrottlingException' } }) };
    const first = await post(stack(), body);
    const second = await post(stack(), body);
    expect([first.status, first.cache, second.status, second.cache]).toEqual([429, 'miss', 429, 'miss']);
  });
});

describe('RESPONSE_CACHE off (the default)', () => {
  it('sends no x-proxy-cache header and always asks Bedrock', async () => {
    const { startTestProxy } = await import('../support/start-test-proxy.js');
    const plain = await startTestProxy();
    try {
      const body = uniqueBody();
      const first = await post(plain, body);
      const second = await post(plain, body);
      expect([first.cache, second.cache]).toEqual([undefined, undefined]);
      expect(plain.simulator.calls.length).toBe(2);
    } finally {
      await plain.close();
    }
  });
});
