import { describe, expect, it } from 'vitest';
import { countInputTokens } from '../../src/simulator/answer/count-input-tokens.js';
import { nativeRequestView } from '../../src/simulator/native/native-request-view.js';
import type { NativeRequestBody } from '../../src/simulator/native/native-request.js';
import { validateCountTokensRequest } from '../../src/simulator/validation/validate-count-tokens-request.js';

const baseModel = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const notCountable = "The provided model doesn't support counting tokens.";
const converseMessages = [{ role: 'user', content: [{ text: 'How many tokens?' }] }];
const nativeBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'How many tokens?' }] };
const base64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

describe('validateCountTokensRequest', () => {
  it('accepts a converse input for a base model id', () => {
    expect(validateCountTokensRequest({ input: { converse: { messages: converseMessages } } }, baseModel)).toEqual({
      ok: true,
      input: { form: 'converse', body: { messages: converseMessages } },
    });
  });

  it('accepts and decodes an invokeModel body', () => {
    expect(validateCountTokensRequest({ input: { invokeModel: { body: base64(nativeBody) } } }, baseModel)).toEqual({
      ok: true,
      input: { form: 'invokeModel', body: nativeBody },
    });
  });

  it.each([
    ['a geo prefix', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', notCountable],
    ['the global profile', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0', notCountable],
    ['an inference-profile ARN', 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0', notCountable],
    ['a model without token counting', 'amazon.nova-lite-v1:0', notCountable],
  ])('refuses %s', (_description, modelId, message) => {
    expect(validateCountTokensRequest({ input: { converse: { messages: converseMessages } } }, modelId)).toEqual({ ok: false, message });
    expect(validateCountTokensRequest({ input: { invokeModel: { body: base64(nativeBody) } } }, modelId)).toEqual({ ok: false, message });
  });

  it.each([
    ['no input', {}, '1 validation error detected: Value null at \'input\' failed to satisfy constraint: Member must not be null'],
    [
      'both forms',
      { input: { converse: { messages: converseMessages }, invokeModel: { body: base64(nativeBody) } } },
      'Malformed input request: the union at input must set exactly one member (found 2), please reformat your input and try again.',
    ],
    [
      'inference settings in the converse form',
      { input: { converse: { messages: converseMessages, inferenceConfig: { maxTokens: 5 } } } },
      'Malformed input request: extraneous key [inferenceConfig] is not permitted, please reformat your input and try again.',
    ],
    [
      'a converse conversation that starts with the assistant',
      { input: { converse: { messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] } } },
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    ],
    [
      'tool blocks without toolConfig',
      {
        input: {
          converse: {
            messages: [
              { role: 'user', content: [{ text: 'hi' }] },
              { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'go', input: {} } }] },
            ],
          },
        },
      },
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    ],
    ['an invokeModel body without max_tokens', { input: { invokeModel: { body: base64({ ...nativeBody, max_tokens: undefined }) } } }, 'max_tokens: Field required'],
    [
      'an invokeModel body without anthropic_version',
      { input: { invokeModel: { body: base64({ ...nativeBody, anthropic_version: undefined }) } } },
      'anthropic_version: Field required',
    ],
    ['an invokeModel body with model', { input: { invokeModel: { body: base64({ ...nativeBody, model: 'claude' }) } } }, 'model: Extra inputs are not permitted'],
    [
      'an invokeModel body that is not JSON',
      { input: { invokeModel: { body: Buffer.from('{oops').toString('base64') } } },
      expect.stringMatching(/^Malformed input request: input\.invokeModel\.body is not valid JSON \(/),
    ],
  ])('refuses %s', (_description, body, message) => {
    expect(validateCountTokensRequest(body, baseModel)).toEqual({ ok: false, message });
  });
});

describe('countInputTokens', () => {
  it('estimates about 4 characters a token, at least 1', () => {
    expect(countInputTokens({ messages: [{ role: 'user', content: [{ text: 'How many tokens?' }] }] })).toBe(4);
    expect(countInputTokens({ messages: [{ role: 'user', content: [{ text: 'a' }] }] })).toBe(1);
  });

  it('counts cached input too', () => {
    const body = { messages: [{ role: 'user' as const, content: [{ text: 'x'.repeat(40) }, { cachePoint: { type: 'default' as const } }, { text: 'y'.repeat(8) }] }] };
    expect(countInputTokens(body)).toBe(12);
  });

  it('gives the same count to a native body and its Converse equivalent', () => {
    const native: NativeRequestBody = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      system: 'You are terse.',
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
      messages: [{ role: 'user', content: 'How many tokens is this?' }],
    };
    const converse = {
      system: [{ text: 'You are terse.' }],
      toolConfig: { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: { q: { type: 'string' } } } } } }] },
      messages: [{ role: 'user' as const, content: [{ text: 'How many tokens is this?' }] }],
    };
    expect(countInputTokens(nativeRequestView(native))).toBe(countInputTokens(converse));
  });
});
