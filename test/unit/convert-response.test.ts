import { describe, expect, it } from 'vitest';
import type { Message, Usage } from '../../src/anthropic/types.js';
import type { ConverseResponseBody } from '../../src/bedrock/types.js';
import { convertConverseResponse, type ResponseContext } from '../../src/convert/convert-converse-response.js';
import { createToolNameMap } from '../../src/convert/tool-names.js';
import { readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

const context: ResponseContext = { model: 'claude-sonnet-4-6', messageId: 'msg_bdrk_test', toolNames: createToolNameMap(), stopSequences: [] };

const zeroCacheUsage = (input: number, output: number): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  server_tool_use: null,
  service_tier: 'standard',
  inference_geo: null,
  output_tokens_details: null,
});

function message(fields: Pick<Message, 'content' | 'stop_reason' | 'usage'> & Partial<Message>): Message {
  return { id: 'msg_bdrk_test', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', stop_sequence: null, stop_details: null, container: null, ...fields };
}

function body(fields: Partial<ConverseResponseBody>): ConverseResponseBody {
  return {
    output: { message: { role: 'assistant', content: [{ text: 'Hi' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
    metrics: { latencyMs: 10 },
    ...fields,
  };
}

describe.skipIf(!sharedAvailable)('recorded Converse responses', () => {
  const recorded = (name: string) => readSharedJson<ConverseResponseBody>(`bedrock-recorded/${name}`);

  it('plain text (all four cache counters at 0)', () => {
    expect(convertConverseResponse(recorded('amazon-bedrock-text.json'), context)).toEqual(
      message({
        content: [{ type: 'text', text: 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** "r"s in "strawberry."', citations: null }],
        stop_reason: 'end_turn',
        usage: zeroCacheUsage(22, 57),
      }),
    );
  });

  it('reasoning, then text', () => {
    const converted = convertConverseResponse(recorded('amazon-bedrock-reasoning.json'), context);
    expect(converted.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(converted.content[0]).toEqual({
      type: 'thinking',
      thinking: 'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nThere are 3 r\'s.',
      signature: expect.stringMatching(/^EvYBCkgICxABGAIqQA9E9VC377Unbjdf.*hcGAE=$/),
    });
    expect(converted.usage).toEqual(zeroCacheUsage(51, 78));
  });

  it.each([
    ['issue-11363-stop-sequence-null-end-turn.json', 'end_turn', [{ type: 'text', text: 'OK', citations: null }]],
    [
      'issue-11363-stop-sequence-null-tool-use.json',
      'tool_use',
      [{ type: 'tool_use', id: 'tooluse_rTk04lpyTTTvtXcoOyVT6p', name: 'weather', input: { location: 'Seattle' }, caller: { type: 'direct' } }],
    ],
  ])('%s: a null stop_sequence field', (name, stopReason, content) => {
    const converted = convertConverseResponse(recorded(name), { ...context, stopSequences: ['END'] });
    expect(converted.stop_reason).toBe(stopReason);
    expect(converted.stop_sequence).toBeNull();
    expect(converted.content).toEqual(content);
  });

  it('text followed by two parallel tool calls', () => {
    const converted = convertConverseResponse(recorded('issue-17267-parallel-tool-calls.json'), context);
    expect(converted.content).toEqual([
      { type: 'text', text: "Sure! I'll look up both values simultaneously right away!", citations: null },
      { type: 'tool_use', id: 'tooluse_hr5juciYZJwUHpRczsw13R', name: 'get_resistor_value', input: { ref: 'R1' }, caller: { type: 'direct' } },
      { type: 'tool_use', id: 'tooluse_AZHw3Ym0S07qOv5NlXj9iJ', name: 'get_capacitor_value', input: { ref: 'C1' }, caller: { type: 'direct' } },
    ]);
    expect(converted.stop_reason).toBe('tool_use');
  });

  it('citationsContent becomes text with page citations', () => {
    const converted = convertConverseResponse(recorded('bedrock-citations-content.json'), context);
    expect(converted.content.map((block) => block.type)).toEqual(['text', 'text', 'text']);
    expect(converted.content[1]).toEqual({
      type: 'text',
      text: 'The document only mentions that "in the next section, you will learn about the difference between models providers and models, and which ones are available in the AI SDK,"',
      citations: [
        {
          type: 'page_location',
          cited_text: 'In the next section, you will learn about the difference between models\r\nproviders and models, and which ones are available in the AI SDK.',
          document_index: 0,
          document_title: 'document-1',
          start_page_number: 1,
          end_page_number: 2,
          file_id: null,
        },
      ],
    });
    expect(converted.usage).toEqual(zeroCacheUsage(2798, 103));
  });

  it('redacted reasoning keeps its base64 data', () => {
    const recordedBody = recorded('amazon-bedrock-redacted-content.json');
    const converted = convertConverseResponse(recordedBody, context);
    const data = recordedBody.output?.message?.content?.[0]?.reasoningContent?.redactedContent;
    expect(data?.startsWith('cnNuX3BVUGgxNnRv')).toBe(true);
    expect(converted.content).toEqual([
      { type: 'redacted_thinking', data },
      {
        type: 'tool_use',
        id: 'call_f9b3e3c877325ec4940fcad11b0a3a88',
        name: 'json',
        input: { groups: [{ name: 'Sales', parentGroupName: '' }, { name: 'Team1', parentGroupName: 'Sales' }] },
        caller: { type: 'direct' },
      },
    ]);
    expect(converted.usage).toEqual(zeroCacheUsage(69, 59));
  });

  it('usage as Bedrock reports it, with and without cache details', () => {
    const trace = readSharedJson<{ trace: { converseUsage: ConverseResponseBody['usage'] }; cacheUsage: object }>('bedrock-recorded/issue-19686-usage-raw.json');
    expect(convertConverseResponse(body({ usage: trace.trace.converseUsage }), context).usage).toEqual(zeroCacheUsage(13, 4));
    const withCache = { ...trace.trace.converseUsage, ...trace.cacheUsage } as ConverseResponseBody['usage'];
    expect(convertConverseResponse(body({ usage: withCache }), context).usage).toEqual({
      ...zeroCacheUsage(13, 4),
      cache_read_input_tokens: 3,
      cache_creation_input_tokens: 2,
      cache_creation: { ephemeral_5m_input_tokens: 2, ephemeral_1h_input_tokens: 0 },
    });
  });
});

describe('stop reasons', () => {
  it.each<[ConverseResponseBody['stopReason'], Message['stop_reason']]>([
    ['end_turn', 'end_turn'],
    ['tool_use', 'tool_use'],
    ['max_tokens', 'max_tokens'],
    ['stop_sequence', 'stop_sequence'],
    ['model_context_window_exceeded', 'model_context_window_exceeded'],
    ['content_filtered', 'refusal'],
    ['guardrail_intervened', 'refusal'],
    ['malformed_model_output', 'end_turn'],
    ['malformed_tool_use', 'end_turn'],
    [undefined, 'end_turn'],
  ])('%s → %s', (bedrockReason, anthropicReason) => {
    expect(convertConverseResponse(body({ stopReason: bedrockReason }), context).stop_reason).toBe(anthropicReason);
  });

  it.each<[string, unknown, readonly string[], string | null]>([
    ['/stop_sequence', { stop_sequence: '###' }, ['END', '###'], '###'],
    ['/delta/stop_sequence', { delta: { stop_sequence: 'END' } }, ['END', '###'], 'END'],
    ['not reported, one requested', undefined, ['END'], 'END'],
    ['not reported, several requested', undefined, ['END', '###'], null],
    ['reported as null, one requested', { stop_sequence: null }, ['END'], 'END'],
  ])('stop sequence %s', (_name, fields, stopSequences, expected) => {
    const output = body({ stopReason: 'stop_sequence', additionalModelResponseFields: fields as ConverseResponseBody['additionalModelResponseFields'] });
    expect(convertConverseResponse(output, { ...context, stopSequences }).stop_sequence).toBe(expected);
  });

  it('reports no stop sequence when the answer ended otherwise', () => {
    expect(convertConverseResponse(body({ stopReason: 'end_turn' }), { ...context, stopSequences: ['END'] }).stop_sequence).toBeNull();
  });
});

describe('usage variants', () => {
  it.each<[string, Partial<ConverseResponseBody>, Usage]>([
    ['no usage at all', { usage: undefined }, zeroCacheUsage(0, 0)],
    [
      'cache read and write without details',
      { usage: { inputTokens: 10, outputTokens: 3, totalTokens: 1213, cacheReadInputTokens: 1000, cacheWriteInputTokens: 200 } },
      { ...zeroCacheUsage(10, 3), cache_read_input_tokens: 1000, cache_creation_input_tokens: 200, cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 0 } },
    ],
    [
      'cache writes split by TTL',
      {
        usage: {
          inputTokens: 10,
          outputTokens: 3,
          totalTokens: 313,
          cacheWriteInputTokens: 300,
          cacheDetails: [
            { ttl: '1h', inputTokens: 250 },
            { ttl: '5m', inputTokens: 50 },
          ],
        },
      },
      { ...zeroCacheUsage(10, 3), cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 50, ephemeral_1h_input_tokens: 250 } },
    ],
    ['priority tier', { serviceTier: { type: 'priority' } }, { ...zeroCacheUsage(5, 2), service_tier: 'priority' }],
    ['flex tier counts as standard', { serviceTier: { type: 'flex' } }, zeroCacheUsage(5, 2)],
  ])('%s', (_name, fields, expected) => {
    expect(convertConverseResponse(body(fields), context).usage).toEqual(expected);
  });
});

describe('content blocks', () => {
  it('maps shortened tool names back and leaves out blocks Anthropic has no place for', () => {
    const toolNames = createToolNameMap();
    const bedrockName = toolNames.register('mcp.server:tool', ['tools', 0, 'name']);
    const output = body({
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Plan.' } } },
            { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } },
            { toolResult: { toolUseId: 'x', content: [{ text: 'r' }] } },
            { guardContent: { text: { text: 'guarded' } } },
            { toolUse: { toolUseId: 'srv_1', name: 'nova_grounding', input: {}, type: 'server_tool_use' } },
            { toolUse: { toolUseId: 'tooluse_1', name: bedrockName, input: { q: 1 } } },
          ],
        },
      },
      stopReason: 'tool_use',
    });
    expect(convertConverseResponse(output, { ...context, toolNames }).content).toEqual([
      { type: 'thinking', thinking: 'Plan.', signature: '' },
      { type: 'tool_use', id: 'tooluse_1', name: 'mcp.server:tool', input: { q: 1 }, caller: { type: 'direct' } },
    ]);
  });

  it.each([
    ['documentChar', { documentChar: { documentIndex: 1, start: 5, end: 9 } }, { type: 'char_location', cited_text: 'abc', document_index: 1, document_title: 'Doc', start_char_index: 5, end_char_index: 9, file_id: null }],
    ['documentChunk', { documentChunk: { documentIndex: 0, start: 2, end: 3 } }, { type: 'content_block_location', cited_text: 'abc', document_index: 0, document_title: 'Doc', start_block_index: 2, end_block_index: 3, file_id: null }],
    [
      'searchResultLocation',
      { searchResultLocation: { searchResultIndex: 2, start: 0, end: 1 } },
      { type: 'search_result_location', cited_text: 'abc', search_result_index: 2, start_block_index: 0, end_block_index: 1, source: 'https://example.com', title: 'Doc' },
    ],
    ['web', { web: { url: 'https://example.com/a', domain: 'example.com' } }, { type: 'web_search_result_location', cited_text: 'abc', url: 'https://example.com/a', title: 'Doc', encrypted_index: '' }],
  ])('a %s citation', (_name, location, expected) => {
    const output = body({
      output: {
        message: {
          role: 'assistant',
          content: [{ citationsContent: { content: [{ text: 'x' }], citations: [{ title: 'Doc', source: 'https://example.com', sourceContent: [{ text: 'a' }, { text: 'bc' }], location }] } }],
        },
      },
    });
    expect(convertConverseResponse(output, context).content).toEqual([{ type: 'text', text: 'x', citations: [expected] }]);
  });
});
