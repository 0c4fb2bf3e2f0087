import { describe, expect, it } from 'vitest';
import { parseCountTokensRequest, parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import { convertRequestToConverse } from '../../src/convert/convert-request-to-converse.js';
import { buildNativeInvokeBody } from '../../src/convert/native/build-native-invoke-body.js';
import { converseCountTokensInput, invokeCountTokensInput } from '../../src/convert/native/count-tokens-input.js';
import { claude } from '../support/conversion-options.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const base = { model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Hello' }] };

describe('parseCountTokensRequest', () => {
  it('accepts the input side of a Messages request with its beta fields', () => {
    const body = {
      ...base,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
      thinking: { type: 'adaptive' },
      output_config: { effort: 'low' },
      cache_control: { type: 'ephemeral' },
      speed: 'standard',
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      mcp_servers: [],
      container: null,
    };
    expect(parseCountTokensRequest(body)).toEqual(body);
  });

  it.each(['max_tokens', 'stream', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'metadata', 'service_tier'])('refuses %s as an extra input', (field) => {
    const values: Record<string, unknown> = { max_tokens: 10, stream: true, stop_sequences: ['x'], temperature: 1, top_p: 1, top_k: 1, metadata: {}, service_tier: 'auto' };
    expect(proxyErrorOf(() => parseCountTokensRequest({ ...base, [field]: values[field] }))).toEqual({
      code: 'INVALID_REQUEST',
      message: `${field}: Extra inputs are not permitted`,
    });
  });

  it('refuses a request without messages', () => {
    expect(proxyErrorOf(() => parseCountTokensRequest({ model: 'claude-sonnet-4-6' }))).toEqual({ code: 'INVALID_REQUEST', message: 'messages: Field required' });
  });

  it('with max_tokens 1 it is a valid Messages request for both converters', () => {
    const countRequest = parseCountTokensRequest({ ...base, system: 'Be brief.' });
    const messagesRequest = parseMessagesRequest({ ...countRequest, max_tokens: 1 });
    expect(convertRequestToConverse({ ...countRequest, max_tokens: 1 }, claude).value.body.messages).toEqual([{ role: 'user', content: [{ text: 'Hello' }] }]);
    expect(buildNativeInvokeBody(messagesRequest, { anthropicVersion: '2023-06-01', betas: [], features: claude.features }).value.body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1,
      messages: [{ role: 'user', content: 'Hello' }],
      system: 'Be brief.',
    });
  });
});

describe('CountTokens input', () => {
  it('takes the input parts of a Converse body', () => {
    const body: ConverseRequestBody = {
      inferenceConfig: { maxTokens: 1 },
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
      toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
      additionalModelRequestFields: { thinking: { type: 'adaptive' } },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
      requestMetadata: { user_id: 'u' },
    };
    expect(converseCountTokensInput(body)).toEqual({
      converse: {
        system: [{ text: 'Be brief.' }],
        messages: [{ role: 'user', content: [{ text: 'Hello' }] }],
        toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
        additionalModelRequestFields: { thinking: { type: 'adaptive' } },
      },
    });
    expect(converseCountTokensInput({ messages: [] })).toEqual({ converse: { messages: [] } });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['max_tokens set to 1 when absent', { anthropic_version: 'bedrock-2023-05-31', messages: [] }, { anthropic_version: 'bedrock-2023-05-31', messages: [], max_tokens: 1 }],
    ['max_tokens kept when present', { anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [] }, { anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, messages: [] }],
  ])('invokeModel input: %s', (_name, body, expected) => {
    expect(invokeCountTokensInput(body)).toEqual({ invokeModel: { body: expected } });
  });
});
