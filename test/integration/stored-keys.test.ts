import Anthropic from '@anthropic-ai/sdk';
import AnthropicLegacy from 'anthropic-sdk-0';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { scriptedMessages } from '../support/mock-script.js';
import { rawRequest } from '../support/raw-http.js';
import { useTestProxy } from '../support/start-test-proxy.js';

const logLines: string[] = [];
const stack = useTestProxy(
  { API_KEY_CACHE_TTL: '0', MODEL_MAPPING_CACHE_TTL: '0', LOG_LEVEL: 'debug' },
  { logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }) },
);
const model = 'claude-sonnet-4-5';

describe('stored API keys', () => {
  it('work through both SDK generations, and stop working when disabled, rotated or deleted', async () => {
    const issued = await stack.proxy.store.apiKeys.create({ name: 'ci', userId: 'ada', rateLimit: 100 });
    const modern = new Anthropic({ baseURL: stack.url, apiKey: issued.key, maxRetries: 0 });
    const legacy = new AnthropicLegacy({ baseURL: stack.url, apiKey: issued.key, maxRetries: 0 });
    const params = { model, max_tokens: 20, messages: scriptedMessages('text') };
    expect((await modern.messages.create(params)).type).toBe('message');
    expect((await legacy.messages.create(params)).type).toBe('message');

    await stack.proxy.store.apiKeys.setActive(issued.record.id, false);
    await expect(modern.messages.create(params)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    await stack.proxy.store.apiKeys.setActive(issued.record.id, true);
    expect((await modern.messages.create(params)).type).toBe('message');

    const rotated = await stack.proxy.store.apiKeys.rotate(issued.record.id);
    await expect(modern.messages.create(params)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const renewed = new Anthropic({ baseURL: stack.url, apiKey: rotated!.key, maxRetries: 0 });
    expect((await renewed.messages.create(params)).type).toBe('message');

    await stack.proxy.store.apiKeys.delete(issued.record.id);
    await expect(renewed.messages.create(params)).rejects.toBeInstanceOf(Anthropic.AuthenticationError);

    for (const secret of [issued.key, rotated!.key]) {
      expect(logLines.join('')).not.toContain(secret);
      expect(logLines.join('')).not.toContain(secret.slice(16));
    }
    expect(logLines.some((line) => line.includes(issued.record.id))).toBe(true);
  });

  it('record usage under the key id, never the secret', async () => {
    const issued = await stack.proxy.store.apiKeys.create({ name: 'usage', userId: 'bob' });
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issued.key}` },
      body: JSON.stringify({ model, max_tokens: 20, messages: scriptedMessages('text') }),
    });
    expect(response.status).toBe(200);
    let records = await stack.proxy.store.usage.query({ keyId: issued.record.id });
    for (let attempt = 0; records.length === 0 && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      records = await stack.proxy.store.usage.query({ keyId: issued.record.id });
    }
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records)).not.toContain(issued.key);
  });
});

describe('stored model mappings', () => {
  it('win over the default table, and the client still sees its own model id', async () => {
    await stack.proxy.store.modelMappings.put({ anthropicModelId: 'claude-sonnet-4-5', bedrockModelId: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', api: 'converse' });
    await stack.proxy.store.modelMappings.put({ anthropicModelId: 'team-default', bedrockModelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', api: 'auto' });
    const client = stack.client;
    expect((await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 20, messages: scriptedMessages('text') })).model).toBe('claude-sonnet-4-5');
    expect(stack.simulator.calls.at(-1)!.modelId).toBe('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect((await client.messages.create({ model: 'team-default', max_tokens: 20, messages: scriptedMessages('text') })).model).toBe('team-default');
    expect(stack.simulator.calls.at(-1)!.modelId).toBe('eu.anthropic.claude-haiku-4-5-20251001-v1:0');
    await stack.proxy.store.modelMappings.delete('claude-sonnet-4-5');
    await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 20, messages: scriptedMessages('text') });
    await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 20, messages: scriptedMessages('text') });
    expect(stack.simulator.calls.at(-1)!.modelId).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });
});

describe('a mapping\'s api', () => {
  it('chooses the Bedrock API for its model over CLAUDE_API', async () => {
    await stack.proxy.store.modelMappings.put({ anthropicModelId: 'claude-haiku-4-5', bedrockModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', api: 'invoke' });
    await stack.client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: scriptedMessages('text') });
    expect(stack.simulator.calls.at(-1)!.operation).toBe('InvokeModel');
    await stack.proxy.store.modelMappings.put({ anthropicModelId: 'claude-haiku-4-5', bedrockModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', api: 'converse' });
    await stack.client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 20, messages: scriptedMessages('text') });
    expect(stack.simulator.calls.at(-1)!.operation).toBe('Converse');
  });
});
