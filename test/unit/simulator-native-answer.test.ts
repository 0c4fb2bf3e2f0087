import { describe, expect, it } from 'vitest';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import type { AnswerPlan, PlannedBlock, PlannedCitation } from '../../src/simulator/answer/answer-plan.js';
import { measureInput } from '../../src/simulator/answer/measure-input.js';
import { buildNativeStreamEvents } from '../../src/simulator/native/build-native-stream-events.js';
import { nativeModelName } from '../../src/simulator/native/native-model-name.js';
import type { NativeRequestBody } from '../../src/simulator/native/native-request.js';
import { nativeRequestView } from '../../src/simulator/native/native-request-view.js';
import { nativeStopReason } from '../../src/simulator/native/native-stop-reason.js';
import { nativeUsage } from '../../src/simulator/native/native-usage.js';
import { renderNativeBlock } from '../../src/simulator/native/render-native-block.js';
import { renderNativeMessage } from '../../src/simulator/native/render-native-message.js';

const identity = { messageId: 'msg_bdrk_01fixed', modelId: 'global.anthropic.claude-opus-4-5-20251101-v1:0' };

function plan(blocks: PlannedBlock[], overrides: Partial<AnswerPlan> = {}): AnswerPlan {
  return {
    blocks,
    stopReason: 'end_turn',
    stopSequence: null,
    usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17 },
    latencyMs: 0,
    eventDelayMs: 0,
    deltaSize: 8,
    responseFieldPaths: { stopSequence: false, deltaStopSequence: false },
    streamException: undefined,
    ...overrides,
  };
}

const text = (value: string, citations: PlannedCitation[] = []): PlannedBlock => ({ kind: 'text', text: value, citations });
const citation = (location: PlannedCitation['location']): PlannedCitation => ({
  title: 'notes',
  citedText: 'blue sky',
  documentIndex: 0,
  location,
  start: 2,
  end: 10,
});

describe('nativeModelName', () => {
  it.each([
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5-20250929'],
    ['global.anthropic.claude-opus-4-6-v1', 'claude-opus-4-6'],
    ['eu.anthropic.claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5-20251001'],
  ])('%s → %s', (modelId, expected) => {
    expect(nativeModelName(modelId)).toBe(expected);
  });
});

describe('nativeStopReason', () => {
  it.each([
    ['end_turn', 'end_turn'],
    ['tool_use', 'tool_use'],
    ['max_tokens', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['model_context_window_exceeded', 'model_context_window_exceeded'],
    ['content_filtered', 'refusal'],
    ['guardrail_intervened', 'end_turn'],
    ['malformed_tool_use', 'end_turn'],
  ] as const)('%s → %s', (converse, native) => {
    expect(nativeStopReason(converse)).toBe(native);
  });
});

describe('nativeUsage', () => {
  it('reports every cache counter, 0 when unused', () => {
    expect(nativeUsage({ inputTokens: 3, outputTokens: 4, totalTokens: 7 })).toEqual({
      input_tokens: 3,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 4,
    });
  });

  it('sums scripted cache details per TTL', () => {
    const usage = {
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 1007,
      cacheWriteInputTokens: 1000,
      cacheDetails: [
        { ttl: '1h' as const, inputTokens: 600 },
        { ttl: '5m' as const, inputTokens: 300 },
        { ttl: '5m' as const, inputTokens: 100 },
      ],
    };
    expect(nativeUsage(usage)).toEqual({
      input_tokens: 3,
      cache_creation_input_tokens: 1000,
      cache_read_input_tokens: 0,
      output_tokens: 4,
      cache_creation: { ephemeral_5m_input_tokens: 400, ephemeral_1h_input_tokens: 600 },
    });
  });
});

describe('renderNativeBlock', () => {
  const common = { cited_text: 'blue sky', document_index: 0, document_title: 'notes' };
  it.each<[string, PlannedBlock, unknown]>([
    ['text', text('hello'), { type: 'text', text: 'hello' }],
    ['text with a character citation', text('sky', [citation('documentChar')]), { type: 'text', text: 'sky', citations: [{ type: 'char_location', ...common, start_char_index: 2, end_char_index: 10 }] }],
    ['text with a page citation', text('sky', [citation('documentPage')]), { type: 'text', text: 'sky', citations: [{ type: 'page_location', ...common, start_page_number: 2, end_page_number: 10 }] }],
    [
      'text with a chunk citation',
      text('sky', [citation('documentChunk')]),
      { type: 'text', text: 'sky', citations: [{ type: 'content_block_location', ...common, start_block_index: 2, end_block_index: 10 }] },
    ],
    ['a tool call', { kind: 'toolUse', toolUseId: 'toolu_bdrk_01x', name: 'go', input: { a: 1 } }, { type: 'tool_use', id: 'toolu_bdrk_01x', name: 'go', input: { a: 1 } }],
    ['reasoning', { kind: 'reasoning', text: 'hmm', signature: 'c2ln' }, { type: 'thinking', thinking: 'hmm', signature: 'c2ln' }],
    ['redacted reasoning', { kind: 'redactedReasoning', data: 'b3BhcXVl' }, { type: 'redacted_thinking', data: 'b3BhcXVl' }],
  ])('%s', (_description, block, expected) => {
    expect(renderNativeBlock(block)).toEqual(expected);
  });
});

describe('renderNativeMessage', () => {
  it('renders the plan as a Bedrock Claude message, key order included', () => {
    const message = renderNativeMessage(plan([text('Counting: ')], { stopReason: 'stop_sequence', stopSequence: 'STOP' }), identity);
    expect(message).toEqual({
      id: 'msg_bdrk_01fixed',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-5-20251101',
      content: [{ type: 'text', text: 'Counting: ' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'STOP',
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 5 },
    });
    expect(Object.keys(message)).toEqual(['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage']);
  });
});

describe('buildNativeStreamEvents', () => {
  const messageStart = {
    type: 'message_start',
    message: {
      id: 'msg_bdrk_01fixed',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-5-20251101',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
    },
  };

  it('streams text in Anthropic order, usage on message_start, only output_tokens on message_delta, metrics last', () => {
    const script = buildNativeStreamEvents(plan([text('Hello there!')], { latencyMs: 30, eventDelayMs: 2 }), identity);
    expect(script).toEqual({
      events: [
        messageStart,
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello th' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ere!' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } },
        {
          type: 'message_stop',
          'amazon-bedrock-invocationMetrics': { inputTokenCount: 12, outputTokenCount: 5, invocationLatency: 44, firstByteLatency: 30 },
        },
      ],
      exception: undefined,
    });
  });

  it('streams a tool call as a start with an empty input, then input_json_delta pieces', () => {
    const block: PlannedBlock = { kind: 'toolUse', toolUseId: 'toolu_bdrk_01t', name: 'get_time', input: { zone: 'UTC' } };
    const { events } = buildNativeStreamEvents(plan([block], { stopReason: 'tool_use' }), identity);
    expect(events.slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_bdrk_01t', name: 'get_time', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"zone":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"UTC"}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 5 } });
  });

  it('streams thinking deltas and then the signature', () => {
    const { events } = buildNativeStreamEvents(plan([{ kind: 'reasoning', text: 'short', signature: 'c2ln' }, text('ok')]), identity);
    expect(events.slice(1, 5)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'short' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(events[5]).toEqual({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
  });

  it('sends redacted thinking whole in its block start', () => {
    const { events } = buildNativeStreamEvents(plan([{ kind: 'redactedReasoning', data: 'b3BhcXVl' }]), identity);
    expect(events.slice(1, 3)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'b3BhcXVl' } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('opens a cited text block with its citations, then its text', () => {
    const { events } = buildNativeStreamEvents(plan([text('blue sky', [citation('documentChar')])]), identity);
    expect(events.slice(1, 5)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: [] } },
      {
        type: 'content_block_delta',
        index: 0,
        delta: {
          type: 'citations_delta',
          citation: { type: 'char_location', cited_text: 'blue sky', document_index: 0, document_title: 'notes', start_char_index: 2, end_char_index: 10 },
        },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'blue sky' } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('keeps the cache counters on message_start only', () => {
    const usage = { inputTokens: 2, outputTokens: 5, totalTokens: 1031, cacheReadInputTokens: 1024 };
    const { events } = buildNativeStreamEvents(plan([text('hi')], { usage }), identity);
    expect(events[0]).toMatchObject({ message: { usage: { input_tokens: 2, cache_read_input_tokens: 1024, cache_creation_input_tokens: 0, output_tokens: 1 } } });
    expect(events.at(-2)).toMatchObject({ usage: { output_tokens: 5 } });
  });

  it('cuts the stream after the scripted events and ends it with the exception', () => {
    const script = buildNativeStreamEvents(
      plan([text('This answer is cut short.')], { streamException: { name: 'throttlingException', afterEvents: 2 } }),
      identity,
    );
    expect(script.events.map((event) => event.type)).toEqual(['message_start', 'content_block_start']);
    expect(script.exception).toEqual({ name: 'throttlingException', payload: { message: 'Too many requests, please wait before trying again.' } });
  });
});

describe('nativeRequestView', () => {
  const native: NativeRequestBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 300,
    stop_sequences: ['END'],
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
    tools: [{ name: 'lookup', description: 'Looks up', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'document', title: 'notes', source: { type: 'text', media_type: 'text/plain', data: 'The sky is blue.' } },
          { type: 'text', text: 'What colour?' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Look it up.', signature: 'c2ln' },
          { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { q: 'sky' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'blue', is_error: true, cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: 'It is' },
    ],
  };
  const converse: ConverseRequestBody = {
    messages: [
      { role: 'user', content: [{ document: { name: 'notes', format: 'txt', source: { text: 'The sky is blue.' } } }, { text: 'What colour?' }] },
      {
        role: 'assistant',
        content: [
          { reasoningContent: { reasoningText: { text: 'Look it up.', signature: 'c2ln' } } },
          { toolUse: { toolUseId: 'toolu_1', name: 'lookup', input: { q: 'sky' } } },
        ],
      },
      { role: 'user', content: [{ toolResult: { toolUseId: 'toolu_1', content: [{ text: 'blue' }], status: 'error' } }, { cachePoint: { type: 'default' } }] },
      { role: 'assistant', content: [{ text: 'It is' }] },
    ],
    inferenceConfig: { maxTokens: 300, stopSequences: ['END'] },
    system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }],
    toolConfig: {
      tools: [{ toolSpec: { name: 'lookup', description: 'Looks up', inputSchema: { json: { type: 'object' } } } }, { cachePoint: { type: 'default' } }],
    },
  };

  it('says the same thing as a Converse request, cache_control as cache points', () => {
    expect(nativeRequestView(native)).toEqual(converse);
  });

  it('measures like the equivalent Converse request, cache prefix included', () => {
    expect(measureInput(nativeRequestView(native))).toEqual(measureInput(converse));
  });

  it('reads string content and a string system prompt as text blocks', () => {
    const view = nativeRequestView({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 5, system: 'Be brief.', messages: [{ role: 'user', content: 'hi' }] });
    expect(view).toEqual({ messages: [{ role: 'user', content: [{ text: 'hi' }] }], inferenceConfig: { maxTokens: 5 }, system: [{ text: 'Be brief.' }] });
  });
});
