import { describe, expect, it } from 'vitest';
import { createMessageAccumulator } from '../../src/anthropic/accumulate-message.js';
import type { AnthropicStreamEvent, Message } from '../../src/anthropic/types.js';
import { replayAsSse } from '../../src/cache/replay-as-sse.js';

const base: Message = {
  id: 'msg_bdrk_01accumulated',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [],
  stop_reason: 'tool_use',
  stop_sequence: null,
  stop_details: null,
  container: null,
  usage: {
    input_tokens: 30,
    output_tokens: 40,
    cache_creation_input_tokens: 5,
    cache_read_input_tokens: 6,
    cache_creation: null,
    server_tool_use: null,
    service_tier: 'standard',
    inference_geo: null,
    output_tokens_details: null,
  },
};

const full: Message = {
  ...base,
  content: [
    { type: 'thinking', thinking: 'Weather first.', signature: 'c2lnbmF0dXJl' },
    { type: 'redacted_thinking', data: 'EmwKAhgB' },
    { type: 'text', text: 'Checking Oslo.', citations: null },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Oslo', days: [1, 2] }, caller: { type: 'direct' } },
  ],
};

function accumulate(events: AnthropicStreamEvent[]): Message | undefined {
  const accumulator = createMessageAccumulator();
  for (const event of events) accumulator.push([event]);
  return accumulator.result();
}

const replayed = replayAsSse(full);
const withoutStop = replayed.filter((event) => event.type !== 'message_stop');

describe('createMessageAccumulator', () => {
  it('rebuilds every block type, the stop reason and the usage from a stream', () => {
    expect(accumulate(replayed)).toEqual(full);
  });

  it('joins text, thinking and tool JSON sent in many pieces', () => {
    const events: AnthropicStreamEvent[] = [
      { type: 'message_start', message: { ...base, content: [], stop_reason: null } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_02', name: 'add', input: {}, caller: { type: 'direct' } } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a": 1,' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ' "b": 2}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null }, usage: { input_tokens: 30, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: null, output_tokens_details: null } },
      { type: 'message_stop' },
    ];
    const message = accumulate(events);
    expect(message?.content).toEqual([
      { type: 'text', text: 'Hello', citations: null },
      { type: 'tool_use', id: 'toolu_02', name: 'add', input: { a: 1, b: 2 }, caller: { type: 'direct' } },
    ]);
    expect(message?.usage).toMatchObject({ input_tokens: 30, output_tokens: 9, cache_creation_input_tokens: 0 });
  });

  it.each<[string, AnthropicStreamEvent[]]>([
    ['no message_stop yet', withoutStop],
    ['an error event', [...withoutStop, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { type: 'message_stop' }]],
    ['a delta for a block that never started', [replayed[0]!, { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } }, { type: 'message_stop' }]],
    ['a block started out of order', [replayed[0]!, { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '', citations: null } }, { type: 'message_stop' }]],
    ['a delta of the wrong kind for its block', [replayed[0]!, { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } }, { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'x' } }, { type: 'message_stop' }]],
    [
      'tool JSON that does not parse',
      [
        replayed[0]!,
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'n', input: {}, caller: { type: 'direct' } } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_stop' },
      ],
    ],
    ['no message_start', [{ type: 'message_stop' }]],
  ])('gives no message for a stream with %s', (_name, events) => {
    expect(accumulate(events)).toBeUndefined();
  });

  it('does not change the events it was given', () => {
    const events = replayAsSse(full);
    const copy = structuredClone(events);
    accumulate(events);
    expect(events).toEqual(copy);
  });
});
