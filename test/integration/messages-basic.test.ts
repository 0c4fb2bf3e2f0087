import Anthropic from '@anthropic-ai/sdk';
import AnthropicLegacy from 'anthropic-sdk-0';
import { describe, expect, it } from 'vitest';
import { comparableMessage } from '../support/comparable-message.js';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { apisAndSdks, bedrockApis, clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';
import { startTestProxy, testMasterKey } from '../support/start-test-proxy.js';

const stacks = useTestProxiesForBothApis();
const stack = stacks.invoke;

const model = 'claude-sonnet-4-5';

describe.each(apisAndSdks)('text through %s with the %s SDK', (api, sdk) => {
  const client = () => clientOf(stacks[api], sdk);
  it('answers a message with the model id the client asked for', async () => {
    const { data: message, response } = await client()
      .messages.create({ model, max_tokens: 200, messages: scriptedMessages({ content: [{ text: 'Hi there!' }] }) })
      .withResponse();
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.id).toMatch(/^msg_bdrk_[A-Za-z0-9]{24,26}$/);
    expect(stacks[api].simulator.calls.at(-1)!.operation).toBe(api === 'invoke' ? 'InvokeModel' : 'Converse');
    expect(message.model).toBe(model);
    // Converse answers carry `citations: null`; InvokeModel answers are Bedrock's own blocks, verbatim.
    expect(message.content).toEqual([{ type: 'text', text: 'Hi there!', ...(api === 'converse' ? { citations: null } : {}) }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('streams the same message as the non-streamed answer', async () => {
    const script = { content: [{ text: 'A longer answer that arrives in several deltas, one after another.' }] };
    const plain = await client().messages.create({ model, max_tokens: 200, messages: scriptedMessages(script) });
    const stream = client().messages.stream({ model, max_tokens: 200, messages: scriptedMessages(script) });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const streamed = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(script.content[0]!.text);
    expect(comparableMessage(streamed)).toEqual(comparableMessage(plain));
  });
});

describe.each(bedrockApis)('the SSE wire format through %s', (api) => {
  it('sends message_start first, contiguous blocks, one message_delta, message_stop last, every frame named', async () => {
    const response = await rawRequest(`${stacks[api].url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': testMasterKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model, max_tokens: 300, stream: true, messages: scriptedMessages('thinking') }),
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['request-id']).toMatch(/^req_/);
    const frames = parseSseFrames(response.text).filter((frame) => frame.event !== 'ping');
    expect(frames[0]!.event).toBe('message_start');
    expect(frames.at(-1)!.event).toBe('message_stop');
    expect(frames.filter((frame) => frame.event === 'message_delta')).toHaveLength(1);
    for (const frame of frames) expect((frame.data as { type: string }).type).toBe(frame.event);
    const starts = frames.filter((frame) => frame.event === 'content_block_start').map((frame) => (frame.data as { index: number }).index);
    const stops = frames.filter((frame) => frame.event === 'content_block_stop').map((frame) => (frame.data as { index: number }).index);
    expect(starts).toEqual(starts.map((_, index) => index));
    expect(stops).toEqual(starts);
    const kinds = frames
      .filter((frame) => frame.event === 'content_block_start')
      .map((frame) => (frame.data as { content_block: { type: string } }).content_block.type);
    expect(kinds).toEqual(['thinking', 'text']);
  });
});

describe('authentication', () => {
  const body = JSON.stringify({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });

  it.each([
    ['no key', {}, 'Missing API key: send it in the x-api-key header or as Authorization: Bearer <key>'],
    ['a wrong x-api-key', { 'x-api-key': 'sk-wrong' }, 'invalid x-api-key'],
    ['a wrong bearer token', { authorization: 'Bearer sk-wrong' }, 'invalid x-api-key'],
  ])('refuses %s with 401 authentication_error', async (_name, headers, message) => {
    const response = await rawRequest(`${stack.url}/v1/messages`, { headers: { 'content-type': 'application/json', ...headers }, body });
    expect(response.status).toBe(401);
    const requestId = response.headers['request-id'];
    expect(response.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message }, request_id: requestId });
  });

  it('is surfaced by both SDKs as an AuthenticationError', async () => {
    const modern = new Anthropic({ baseURL: stack.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const legacy = new AnthropicLegacy({ baseURL: stack.url, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(modern.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    await expect(legacy.messages.create({ model, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(AnthropicLegacy.AuthenticationError);
  });
});

describe('health', () => {
  it('answers /health and /ready', async () => {
    const health = await rawRequest(`${stack.url}/health`, { method: 'GET' });
    expect(health.status).toBe(200);
    expect(health.headers['request-id']).toMatch(/^req_/);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await rawRequest(`${stack.url}/ready`, { method: 'GET' });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });
});

describe('model ids', () => {
  it.each([
    [{}, 'claude-sonnet-4-5', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    [{ AWS_REGION: 'eu-central-1' }, 'claude-sonnet-4-5-20250929', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    [{ BEDROCK_GEO_PREFIX: 'global' }, 'claude-haiku-4-5', 'global.anthropic.claude-haiku-4-5-20251001-v1:0'],
    [{ BEDROCK_GEO_PREFIX: 'none' }, 'claude-haiku-4-5', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    [{}, 'apac.anthropic.claude-sonnet-4-6', 'apac.anthropic.claude-sonnet-4-6'],
    [{}, 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'],
  ])('with %j, %s is called on Bedrock as %s and answered under the id the client sent', async (env, requested, called) => {
    const proxy = await startTestProxy(env);
    try {
      const message = await proxy.client.messages.create({ model: requested, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });
      expect(message.model).toBe(requested);
      expect(proxy.simulator.calls.at(-1)!.modelId).toBe(called);
    } finally {
      await proxy.close();
    }
  });
});
