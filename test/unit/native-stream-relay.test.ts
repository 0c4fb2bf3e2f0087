import { describe, expect, it } from 'vitest';
import { createNativeStreamRelay } from '../../src/convert/native/create-native-stream-relay.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

/** Events shaped as InvokeModelWithResponseStream sends them for Claude (chunk bytes, decoded). */
const metrics = { inputTokenCount: 12, outputTokenCount: 15, invocationLatency: 1234, firstByteLatency: 456 };
const messageStart = {
  type: 'message_start',
  message: {
    id: 'msg_bdrk_01AbCdEf',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 12, cache_creation_input_tokens: 1500, cache_read_input_tokens: 3000, output_tokens: 1 },
  },
};
const textEvents = [
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
  { type: 'content_block_stop', index: 0 },
];
const messageDelta = { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } };
const messageStop = { type: 'message_stop', 'amazon-bedrock-invocationMetrics': metrics };

function relayAll(events: Array<Record<string, unknown>>, model = 'claude-sonnet-4-5') {
  const relay = createNativeStreamRelay({ model });
  const relayed = events.flatMap((event) => relay.push(event));
  return [...relayed, ...relay.finish()];
}

describe('createNativeStreamRelay', () => {
  it("re-emits a whole stream with the client's model, message_start completed like a whole answer, cache usage in message_delta and no metrics", () => {
    expect(relayAll([messageStart, ...textEvents, messageDelta, messageStop])).toEqual([
      {
        ...messageStart,
        message: {
          ...messageStart.message,
          model: 'claude-sonnet-4-5',
          stop_details: null,
          container: null,
          usage: {
            ...messageStart.message.usage,
            cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 0 },
            server_tool_use: null,
            service_tier: 'standard',
            inference_geo: null,
            output_tokens_details: null,
          },
        },
      },
      ...textEvents,
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null },
        usage: { output_tokens: 15, input_tokens: 12, cache_creation_input_tokens: 1500, cache_read_input_tokens: 3000 },
      },
      { type: 'message_stop' },
    ]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'numbers Bedrock did send are kept',
      { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 7, output_tokens: 15 },
      { input_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 7, output_tokens: 15 },
    ],
    ['null counts are filled in', { input_tokens: null, cache_read_input_tokens: null, output_tokens: 15 }, { input_tokens: 12, cache_creation_input_tokens: 1500, cache_read_input_tokens: 3000, output_tokens: 15 }],
  ])('message_delta usage: %s', (_name, usage, expected) => {
    const relayed = relayAll([messageStart, { ...messageDelta, usage }, messageStop]);
    expect(relayed[1]).toEqual({ ...messageDelta, delta: { ...messageDelta.delta, stop_details: null, container: null }, usage: expected });
  });

  it('counts missing from message_start too become zero', () => {
    const start = { ...messageStart, message: { ...messageStart.message, usage: { output_tokens: 1 } } };
    const relayed = relayAll([start, messageDelta, messageStop]);
    expect(relayed[1]).toEqual({
      ...messageDelta,
      delta: { ...messageDelta.delta, stop_details: null, container: null },
      usage: { output_tokens: 15, input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('strips the invocation metrics from any event and passes unknown event types through', () => {
    const unknown = { type: 'content_block_annotation', index: 0, note: 'new', 'amazon-bedrock-invocationMetrics': metrics };
    const relayed = relayAll([messageStart, { type: 'ping' }, unknown, messageDelta, messageStop]);
    expect(relayed.slice(1, 3)).toEqual([{ type: 'ping' }, { type: 'content_block_annotation', index: 0, note: 'new' }]);
  });

  it('sends nothing after message_stop', () => {
    const relay = createNativeStreamRelay({ model: 'claude-sonnet-4-5' });
    relay.push(messageStart);
    expect(relay.push(messageStop)).toEqual([{ type: 'message_stop' }]);
    expect(relay.push({ type: 'ping' })).toEqual([]);
    expect(relay.finish()).toEqual([]);
  });

  it('does not change the events it was given', () => {
    const start = structuredClone(messageStart);
    const stop = structuredClone(messageStop);
    relayAll([start, messageDelta, stop]);
    expect(start).toEqual(messageStart);
    expect(stop).toEqual(messageStop);
  });

  it.each<[string, Array<Record<string, unknown>>]>([
    ['no events at all', []],
    ['a stream cut off after message_delta', [messageStart, ...textEvents, messageDelta]],
  ])('a stream without message_stop is STREAM_INCOMPLETE: %s', (_name, events) => {
    expect(proxyErrorOf(() => relayAll(events))).toEqual({ code: 'STREAM_INCOMPLETE', message: 'The Bedrock stream ended without message_stop' });
  });
});
