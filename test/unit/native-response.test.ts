import { describe, expect, it } from 'vitest';
import { convertNativeResponse } from '../../src/convert/native/convert-native-response.js';

/** A Claude Message as InvokeModel returns it. */
const bedrockMessage = {
  id: 'msg_bdrk_01XyZ',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'Check the weather.', signature: 'c2ln' },
    { type: 'text', text: 'Looking it up.' },
    { type: 'tool_use', id: 'toolu_bdrk_01AbC', name: 'get_weather', input: { city: 'Oslo' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 25, cache_creation_input_tokens: 100, cache_read_input_tokens: 0, output_tokens: 40 },
};

const completedUsage = {
  input_tokens: 25,
  cache_creation_input_tokens: 100,
  cache_read_input_tokens: 0,
  output_tokens: 40,
  cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 },
  server_tool_use: null,
  service_tier: 'standard',
  inference_geo: null,
  output_tokens_details: null,
};

describe('convertNativeResponse', () => {
  it("keeps Bedrock's message, with the client's model and completed usage", () => {
    expect(convertNativeResponse(bedrockMessage, { model: 'claude-sonnet-4-5' })).toEqual({
      ...bedrockMessage,
      model: 'claude-sonnet-4-5',
      stop_details: null,
      container: null,
      usage: completedUsage,
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'only the two counts',
      { input_tokens: 3, output_tokens: 1 },
      { ...completedUsage, input_tokens: 3, output_tokens: 1, cache_creation_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } },
    ],
    [
      'fields Bedrock sent, nulls included, stay as sent',
      { ...bedrockMessage.usage, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 100 }, service_tier: 'priority', server_tool_use: null, inference_geo: 'us' },
      { ...completedUsage, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 100 }, service_tier: 'priority', inference_geo: 'us' },
    ],
    ['no usage at all', {}, { ...completedUsage, input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } }],
  ])('usage: %s', (_name, usage, expected) => {
    expect(convertNativeResponse({ ...bedrockMessage, usage }, { model: 'claude-sonnet-4-5' }).usage).toEqual(expected);
  });

  it('keeps stop fields Bedrock sent and does not change its input', () => {
    const output = { ...bedrockMessage, stop_reason: 'stop_sequence', stop_sequence: 'END', stop_details: { type: 'refusal' } };
    const copy = structuredClone(output);
    const message = convertNativeResponse(output, { model: 'm' });
    expect([message.stop_reason, message.stop_sequence, message.stop_details]).toEqual(['stop_sequence', 'END', { type: 'refusal' }]);
    expect(output).toEqual(copy);
  });
});
