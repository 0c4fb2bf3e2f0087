import type Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/simulator/index.js';
import { clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';
import { scriptedMessages } from '../support/mock-script.js';
import type { TestProxy } from '../support/start-test-proxy.js';

const proxies = useTestProxiesForBothApis({ GUARDRAIL_ID: 'gr0proxy1', GUARDRAIL_VERSION: '3', GUARDRAIL_TRACE: 'enabled' });
const model = 'claude-sonnet-4-5';
const blocked = 'Sorry, the model cannot answer this question.';
const interveneBody = { model, max_tokens: 100, messages: scriptedMessages({ guardrail: 'intervene' }) };
const plainBody = { model, max_tokens: 100, messages: scriptedMessages({ content: [{ text: 'fine' }] }) };

function lastCall(stack: TestProxy): RecordedCall {
  const call = stack.simulator.calls.at(-1);
  if (call === undefined) throw new Error('the simulator received no call');
  return call;
}

async function keyClient(stack: TestProxy, guardrail: { identifier: string; version: string }): Promise<Anthropic> {
  const issued = await stack.proxy.store.apiKeys.create({ name: 'guarded', userId: 'ada', guardrail });
  const { default: AnthropicLegacy } = await import('anthropic-sdk-0');
  return new AnthropicLegacy({ baseURL: stack.url, apiKey: issued.key, maxRetries: 0 }) as unknown as Anthropic;
}

describe('GUARDRAIL_ID on Converse', () => {
  const stack = () => proxies.converse;

  it('sends guardrailConfig, and streamProcessingMode sync on ConverseStream', async () => {
    await clientOf(stack(), '0.x').messages.create(plainBody);
    expect(lastCall(stack()).body).toMatchObject({ guardrailConfig: { guardrailIdentifier: 'gr0proxy1', guardrailVersion: '3', trace: 'enabled' } });
    await clientOf(stack(), '0.x').messages.stream(plainBody).finalMessage();
    expect(lastCall(stack()).body).toMatchObject({ guardrailConfig: { guardrailIdentifier: 'gr0proxy1', guardrailVersion: '3', trace: 'enabled', streamProcessingMode: 'sync' } });
  });

  it.each(['1.x', '0.x'] as const)('reports an intervention as stop_reason refusal with the guardrail text (%s SDK, whole and streamed)', async (sdk) => {
    const whole = await clientOf(stack(), sdk).messages.create(interveneBody);
    expect(whole.stop_reason).toBe('refusal');
    expect(whole.content).toEqual([expect.objectContaining({ type: 'text', text: blocked })]);
    const streamed = await clientOf(stack(), sdk).messages.stream(interveneBody).finalMessage();
    expect(streamed.stop_reason).toBe('refusal');
    expect(streamed.content).toEqual([expect.objectContaining({ type: 'text', text: blocked })]);
  });

  it("uses a key's own guardrail instead of the proxy's", async () => {
    const client = await keyClient(stack(), { identifier: 'gr0key22', version: 'DRAFT' });
    await client.messages.create(plainBody);
    expect((lastCall(stack()).body as { guardrailConfig?: unknown }).guardrailConfig).toEqual({ guardrailIdentifier: 'gr0key22', guardrailVersion: 'DRAFT' });
  });
});

describe('GUARDRAIL_ID on InvokeModel', () => {
  const stack = () => proxies.invoke;

  it('sends the guardrail headers on both operations, never a body field', async () => {
    await clientOf(stack(), '1.x').messages.create(plainBody);
    const whole = lastCall(stack());
    expect(whole.headers).toMatchObject({ 'x-amzn-bedrock-guardrailidentifier': 'gr0proxy1', 'x-amzn-bedrock-guardrailversion': '3', 'x-amzn-bedrock-trace': 'ENABLED' });
    expect(Object.keys(whole.body as object).some((field) => field.includes('guardrail'))).toBe(false);
    await clientOf(stack(), '1.x').messages.stream(plainBody).finalMessage();
    expect(lastCall(stack()).headers).toMatchObject({ 'x-amzn-bedrock-guardrailidentifier': 'gr0proxy1', 'x-amzn-bedrock-guardrailversion': '3' });
  });

  it('passes an intervention through as Bedrock reports it: end_turn with the guardrail text', async () => {
    const whole = await clientOf(stack(), '0.x').messages.create(interveneBody);
    expect([whole.stop_reason, whole.content]).toEqual(['end_turn', [expect.objectContaining({ type: 'text', text: blocked })]]);
    const streamed = await clientOf(stack(), '1.x').messages.stream(interveneBody).finalMessage();
    expect([streamed.stop_reason, streamed.content]).toEqual(['end_turn', [expect.objectContaining({ type: 'text', text: blocked })]]);
  });

  it("uses a key's own guardrail instead of the proxy's", async () => {
    const client = await keyClient(stack(), { identifier: 'gr0key33', version: '7' });
    await client.messages.create(plainBody);
    expect(lastCall(stack()).headers).toMatchObject({ 'x-amzn-bedrock-guardrailidentifier': 'gr0key33', 'x-amzn-bedrock-guardrailversion': '7' });
    expect(lastCall(stack()).headers['x-amzn-bedrock-trace']).toBeUndefined();
  });
});
