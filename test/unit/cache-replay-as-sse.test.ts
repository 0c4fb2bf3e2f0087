import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { MessageStream as LegacyMessageStream } from 'anthropic-sdk-0/lib/MessageStream';
import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent, Message, Usage } from '../../src/anthropic/types.js';
import { replayAsSse } from '../../src/cache/replay-as-sse.js';

const usage: Usage = {
  input_tokens: 12,
  output_tokens: 48,
  cache_creation_input_tokens: 512,
  cache_read_input_tokens: 1024,
  cache_creation: { ephemeral_5m_input_tokens: 512, ephemeral_1h_input_tokens: 0 },
  server_tool_use: null,
  service_tier: 'standard',
  inference_geo: null,
  output_tokens_details: null,
};

function message(content: Message['content'], overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg_bdrk_01cached',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-6',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage,
    ...overrides,
  };
}

const everyBlock = message(
  [
    { type: 'thinking', thinking: 'The user wants the weather.', signature: 'EqQBCkgIARABGAIiQ0sig==' },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    { type: 'text', text: 'Checking Oslo.', citations: null },
    {
      type: 'text',
      text: 'the sky is blue',
      citations: [
        { type: 'char_location', cited_text: 'The sky is blue.', document_index: 0, document_title: 'notes', start_char_index: 0, end_char_index: 16, file_id: null },
      ],
    },
    { type: 'text', text: '', citations: null },
    { type: 'tool_use', id: 'toolu_bdrk_01a', name: 'get_weather', input: { city: 'Oslo', units: ['c'], nested: { deep: true } }, caller: { type: 'direct' } },
    { type: 'tool_use', id: 'toolu_bdrk_01b', name: 'no_arguments', input: {}, caller: { type: 'direct' } },
  ],
  { stop_reason: 'tool_use' },
);

/** Feeds the events to an Anthropic SDK's own MessageStream, the accumulation streaming clients run. */
async function accumulate(events: readonly AnthropicStreamEvent[], sdk: 'current' | 'legacy'): Promise<Record<string, unknown>> {
  const bytes = new TextEncoder().encode(events.map((event) => JSON.stringify(event)).join('\n'));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const stream = sdk === 'current' ? MessageStream.fromReadableStream(body) : LegacyMessageStream.fromReadableStream(body);
  const { parsed_output: _parsedOutput, ...accumulated } = (await stream.finalMessage()) as unknown as Record<string, unknown>;
  return accumulated;
}

describe('replayAsSse', () => {
  it('streams a text answer as start, one delta, stop, with zero output tokens until message_delta', () => {
    const cached = message([{ type: 'text', text: 'Hello there.', citations: null }], { stop_reason: 'stop_sequence', stop_sequence: 'END' });
    expect(replayAsSse(cached)).toEqual([
      {
        type: 'message_start',
        message: { ...cached, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 0 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello there.' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END', stop_details: null, container: null },
        usage: {
          input_tokens: 12,
          output_tokens: 48,
          cache_creation_input_tokens: 512,
          cache_read_input_tokens: 1024,
          server_tool_use: null,
          output_tokens_details: null,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streams each kind of block the way Anthropic does', () => {
    const events = replayAsSse(everyBlock);
    const shapes = events.map((event) => {
      if (event.type === 'content_block_start') return `start ${event.index} ${event.content_block.type}`;
      if (event.type === 'content_block_delta') return `delta ${event.index} ${event.delta.type}`;
      if (event.type === 'content_block_stop') return `stop ${event.index}`;
      return event.type;
    });
    expect(shapes).toEqual([
      'message_start',
      'start 0 thinking',
      'delta 0 thinking_delta',
      'delta 0 signature_delta',
      'stop 0',
      'start 1 redacted_thinking',
      'stop 1',
      'start 2 text',
      'delta 2 text_delta',
      'stop 2',
      'start 3 text',
      'delta 3 citations_delta',
      'delta 3 text_delta',
      'stop 3',
      'start 4 text',
      'stop 4',
      'start 5 tool_use',
      'delta 5 input_json_delta',
      'stop 5',
      'start 6 tool_use',
      'delta 6 input_json_delta',
      'stop 6',
      'message_delta',
      'message_stop',
    ]);
    expect(events[16]).toEqual({
      type: 'content_block_start',
      index: 5,
      content_block: { type: 'tool_use', id: 'toolu_bdrk_01a', name: 'get_weather', input: {}, caller: { type: 'direct' } },
    });
    expect(events[17]).toEqual({
      type: 'content_block_delta',
      index: 5,
      delta: { type: 'input_json_delta', partial_json: '{"city":"Oslo","units":["c"],"nested":{"deep":true}}' },
    });
    expect(events[10]).toEqual({ type: 'content_block_start', index: 3, content_block: { type: 'text', text: '', citations: [] } });
  });

  it.each(['current', 'legacy'] as const)('accumulates into the cached Message with the %s SDK MessageStream', async (sdk) => {
    expect(await accumulate(replayAsSse(everyBlock), sdk)).toEqual(everyBlock);
  });

  it.each(['current', 'legacy'] as const)('round-trips a refusal with no content through the %s SDK', async (sdk) => {
    const refusal = message([], { stop_reason: 'refusal', usage: { ...usage, output_tokens: 0 } });
    expect(await accumulate(replayAsSse(refusal), sdk)).toEqual(refusal);
  });
});
