import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { apisAndSdks, clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';
import { rawRequest } from '../support/raw-http.js';
import { testMasterKey } from '../support/start-test-proxy.js';

const stacks = useTestProxiesForBothApis();
const weatherTool = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } };

describe.each(apisAndSdks)('count_tokens through %s with the %s SDK', (api, sdk) => {
  it('asks Bedrock CountTokens with the base model id and the input this API would send', async () => {
    const client = clientOf(stacks[api], sdk);
    const params = {
      model: 'claude-sonnet-4-5',
      system: 'You are terse.',
      tools: [weatherTool],
      messages: [{ role: 'user' as const, content: 'What is the weather in Oslo today, and should I take an umbrella?' }],
    };
    const counted = await client.messages.countTokens(params);
    const call = stacks[api].simulator.calls.at(-1)!;
    expect(call.operation).toBe('CountTokens');
    expect(call.modelId).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    const input = (call.body as { input: Record<string, unknown> }).input;
    expect(Object.keys(input)).toEqual([api === 'invoke' ? 'invokeModel' : 'converse']);
    expect(counted.input_tokens).toBeGreaterThan(10);
    expect(counted).toEqual({ input_tokens: counted.input_tokens });

    const longer = await client.messages.countTokens({ ...params, messages: [{ role: 'user', content: 'word '.repeat(400) }] });
    expect(longer.input_tokens).toBeGreaterThan(counted.input_tokens);
  });
});

describe('count_tokens', () => {
  const stack = stacks.invoke;
  const post = (body: unknown) => rawRequest(`${stack.url}/v1/messages/count_tokens`, { headers: { 'content-type': 'application/json', 'x-api-key': testMasterKey }, body: JSON.stringify(body) });

  it('answers with a local estimate for models Bedrock cannot count, and says so', async () => {
    const callsBefore = stack.simulator.calls.length;
    const response = await post({ model: 'amazon.nova-pro-v1:0', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ input_tokens: 100 });
    expect(response.headers['x-token-count-source']).toBe('estimate');
    expect(stack.simulator.calls.length).toBe(callsBefore);
  });

  it.each([
    [{ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }, 'max_tokens: Extra inputs are not permitted'],
    [{ model: 'claude-sonnet-4-5' }, 'messages: Field required'],
    [{ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, /^model: gpt-4o/],
  ])('refuses %j with a clear error', async (body, message) => {
    const response = await post(body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const error = (response.json() as { error: { message: string } }).error.message;
    if (typeof message === 'string') expect(error).toBe(message);
    else expect(error).toMatch(message);
  });

  it('requires an API key', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages/count_tokens`, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
  });
});

describe.each(['1.x', '0.x'] as const)('models through the %s SDK', (sdk) => {
  const stack = stacks.invoke;

  it('lists the default and stored models in Anthropic\'s shape, pages them, and retrieves by id or alias', async () => {
    await stack.proxy.store.modelMappings.put({ anthropicModelId: `team-model-${sdk}`, bedrockModelId: 'amazon.nova-pro-v1:0', api: 'converse', displayName: 'Team model' });
    const client = clientOf(stack, sdk);
    const all: Anthropic.ModelInfo[] = [];
    for await (const model of client.models.list({ limit: 5 })) all.push(model);
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.map((model) => model.id)).size).toBe(all.length);
    expect(all.find((model) => model.id === `team-model-${sdk}`)).toMatchObject({ type: 'model', display_name: 'Team model' });
    expect(all.find((model) => model.id === 'claude-sonnet-4-5')).toEqual({ type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' });

    const firstPage = await client.models.list({ limit: 2 });
    expect(firstPage.data).toHaveLength(2);
    expect(firstPage.has_more).toBe(true);

    expect((await client.models.retrieve('claude-sonnet-4-5-20250929')).id).toBe('claude-sonnet-4-5');
    const missing = await client.models.retrieve('gpt-4o').catch((error: unknown) => error);
    expect((missing as { status?: number }).status).toBe(404);
  });
});
