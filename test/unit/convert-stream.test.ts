import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { MessageStream as LegacyMessageStream } from 'anthropic-sdk-0/lib/MessageStream';
import { describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent, Message } from '../../src/anthropic/types.js';
import type { ConverseContentBlock, ConverseResponseBody, ConverseStreamEvent } from '../../src/bedrock/types.js';
import { convertConverseResponse, type ResponseContext } from '../../src/convert/convert-converse-response.js';
import { createStreamTranslator } from '../../src/convert/create-stream-translator.js';
import { createToolNameMap } from '../../src/convert/tool-names.js';
import { ProxyError } from '../../src/errors.js';
import { readSharedChunks, readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

const context: ResponseContext = { model: 'claude-sonnet-4-6', messageId: 'msg_bdrk_stream', toolNames: createToolNameMap(), stopSequences: [] };

function translate(events: readonly ConverseStreamEvent[], responseContext: ResponseContext = context): AnthropicStreamEvent[] {
  const translator = createStreamTranslator(responseContext);
  return [...events.flatMap((event) => translator.push(event)), ...translator.finish()];
}

/** Feeds the events to the Anthropic SDK's own MessageStream, the accumulation clients run. */
async function accumulate(events: readonly AnthropicStreamEvent[], sdk: 'current' | 'legacy' = 'current'): Promise<Record<string, unknown>> {
  const bytes = new TextEncoder().encode(events.map((event) => JSON.stringify(event)).join('\n'));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const stream = sdk === 'current' ? MessageStream.fromReadableStream(body) : LegacyMessageStream.fromReadableStream(body);
  const { parsed_output: _parsedOutput, ...message } = (await stream.finalMessage()) as unknown as Record<string, unknown>;
  return message;
}

/** The event grammar Anthropic clients rely on (spec §5.1, §5.3). */
function expectWellFormed(events: readonly AnthropicStreamEvent[]): void {
  expect(events[0]?.type).toBe('message_start');
  expect(events.slice(-2).map((event) => event.type)).toEqual(['message_delta', 'message_stop']);
  expect(events.filter((event) => event.type === 'message_delta' || event.type === 'message_stop')).toHaveLength(2);
  let open: number | undefined;
  let next = 0;
  for (const event of events) {
    if (event.type === 'content_block_start') {
      expect(open, `block ${event.index} starts while ${String(open)} is open`).toBeUndefined();
      expect(event.index).toBe(next);
      open = event.index;
      next += 1;
    } else if (event.type === 'content_block_delta') {
      expect(event.index).toBe(open);
    } else if (event.type === 'content_block_stop') {
      expect(event.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
}

function usageNumbers(message: { usage: unknown }): unknown {
  const { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens } = message.usage as Message['usage'];
  return { input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens };
}

/** A ConverseStream for the same answer as a Converse body, in the pieces Bedrock sends. */
function streamFor(output: ConverseResponseBody): ConverseStreamEvent[] {
  const pieces = (text: string): string[] => text.match(/[\s\S]{1,7}/g) ?? [];
  const events: ConverseStreamEvent[] = [{ messageStart: { role: 'assistant' } }];
  (output.output?.message?.content ?? []).forEach((block: ConverseContentBlock, contentBlockIndex) => {
    const delta = (value: NonNullable<Extract<ConverseStreamEvent, { contentBlockDelta: unknown }>['contentBlockDelta']['delta']>) =>
      events.push({ contentBlockDelta: { contentBlockIndex, delta: value } });
    if (block.text !== undefined) pieces(block.text).forEach((text) => delta({ text }));
    if (block.citationsContent !== undefined) {
      block.citationsContent.citations?.forEach((citation) => delta({ citation }));
      pieces((block.citationsContent.content ?? []).map((part) => part.text).join('')).forEach((text) => delta({ text }));
    }
    if (block.reasoningContent?.reasoningText !== undefined) {
      pieces(block.reasoningContent.reasoningText.text ?? '').forEach((text) => delta({ reasoningContent: { text } }));
      delta({ reasoningContent: { text: '' } });
      delta({ reasoningContent: { signature: block.reasoningContent.reasoningText.signature ?? '' } });
    }
    if (block.reasoningContent?.redactedContent !== undefined) delta({ reasoningContent: { redactedContent: block.reasoningContent.redactedContent } });
    if (block.toolUse !== undefined) {
      events.push({ contentBlockStart: { contentBlockIndex, start: { toolUse: { toolUseId: block.toolUse.toolUseId, name: block.toolUse.name } } } });
      pieces(JSON.stringify(block.toolUse.input)).forEach((input) => delta({ toolUse: { input } }));
    }
    events.push({ contentBlockStop: { contentBlockIndex } });
  });
  events.push({ messageStop: { stopReason: output.stopReason, additionalModelResponseFields: output.additionalModelResponseFields } });
  events.push({ metadata: { usage: output.usage, metrics: { latencyMs: 1 } } });
  return events;
}

describe.skipIf(!sharedAvailable)('recorded ConverseStream chunks', () => {
  const recorded = (name: string) => readSharedChunks(`bedrock-recorded/${name}`) as unknown as ConverseStreamEvent[];

  it('plain text', async () => {
    const events = translate(recorded('amazon-bedrock-text.chunks.txt'));
    expectWellFormed(events);
    const message = await accumulate(events);
    expect(message.content).toEqual([{ type: 'text', text: 'Let me count the "r"s in "strawberry":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\nThere are **3** r\'s in "strawberry."', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(usageNumbers(message as { usage: unknown })).toEqual({ input_tokens: 22, output_tokens: 55, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(await accumulate(events, 'legacy')).toEqual(message);
  });

  it('reasoning with a final empty delta and a signature, then text', async () => {
    const events = translate(recorded('amazon-bedrock-reasoning.chunks.txt'));
    expectWellFormed(events);
    expect(events.filter((event) => event.type === 'content_block_delta' && event.delta.type === 'thinking_delta' && event.delta.thinking === '')).toEqual([]);
    const message = await accumulate(events);
    expect(message.content).toEqual([
      {
        type: 'thinking',
        thinking: 'Let me count the r\'s in "strawberry":\n\ns-t-r-a-w-b-e-r-r-y\n\nr appears at positions 3, 8, and 9.\n\nSo there are 3 r\'s.',
        signature: expect.stringMatching(/^Ep0CCkgICxABGAIqQOWPB6.*GAE=$/),
      },
      { type: 'text', text: 'There are **3** r\'s in "strawberry":\n\n1. st**r**awbe**r****r**y', citations: null },
    ]);
  });

  it('redacted reasoning is sent whole at its block stop, then the streamed tool call', async () => {
    const chunks = recorded('amazon-bedrock-redacted-content.chunks.txt');
    const events = translate(chunks);
    expectWellFormed(events);
    const redactedDelta = chunks[1] as { contentBlockDelta: { delta: { reasoningContent: { redactedContent: string } } } };
    expect(events.slice(1, 3)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: redactedDelta.contentBlockDelta.delta.reasoningContent.redactedContent } },
      { type: 'content_block_stop', index: 0 },
    ]);
    const message = await accumulate(events);
    expect((message.content as unknown[])[1]).toEqual({
      type: 'tool_use',
      id: 'call_61f8fcbe423a58699163c53e076f1a06',
      name: 'propose',
      input: { groups: [{ name: 'Sales', parentGroupName: '' }, { name: 'Team1', parentGroupName: 'Sales' }] },
      caller: { type: 'direct' },
    });
    expect(message.stop_reason).toBe('tool_use');
  });

  it('citations: each cited span is a text block that starts with its citation', async () => {
    const events = translate(recorded('amazon-bedrock-document-citations.chunks.txt'));
    expectWellFormed(events);
    const content = (await accumulate(events)).content as Array<{ type: string; text: string; citations: unknown[] | null }>;
    expect(content).toHaveLength(13);
    expect(content.map((block) => (block.citations === null ? 'plain' : block.citations.length))).toEqual([
      'plain', 1, 'plain', 1, 'plain', 1, 'plain', 1, 'plain', 1, 'plain', 1, 'plain',
    ]);
    expect(content[3]).toEqual({
      type: 'text',
      text: 'Given a photo, a generative model can generate a caption',
      citations: [
        {
          type: 'page_location',
          cited_text: 'For example:\r\nGiven a photo, a generative model can generate a caption.\r\n',
          document_index: 0,
          document_title: 'document',
          start_page_number: 1,
          end_page_number: 2,
          file_id: null,
        },
      ],
    });
  });

  it('metadata before messageStop, no messageStart, a tool without arguments (hand-written)', async () => {
    const events = translate(recorded('amazon-bedrock-tool-no-args.chunks.txt'));
    expectWellFormed(events);
    const message = await accumulate(events);
    expect(message.content).toEqual([
      { type: 'text', text: "I'll update the issue list for you.", citations: null },
      { type: 'tool_use', id: 'tool-use-id', name: 'updateIssueList', input: {}, caller: { type: 'direct' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(usageNumbers(message as { usage: unknown })).toEqual({ input_tokens: 100, output_tokens: 25, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it.each(['amazon-bedrock-text.json', 'amazon-bedrock-reasoning.json', 'issue-17267-parallel-tool-calls.json', 'bedrock-citations-content.json', 'amazon-bedrock-redacted-content.json'])(
    'a stream of the answer in %s accumulates to the same Message as the body',
    async (name) => {
      const output = readSharedJson<ConverseResponseBody>(`bedrock-recorded/${name}`);
      const fromBody = convertConverseResponse(output, context);
      const fromStream = await accumulate(translate(streamFor(output)));
      // Only the TTL split of cache writes cannot travel in a message_delta.
      expect(fromStream).toEqual({ ...fromBody, usage: { ...fromBody.usage, cache_creation: null } });
    },
  );
});

describe('stream translator', () => {
  it('emits exactly the Anthropic events for a short answer', () => {
    const events = translate([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'stop_sequence', additionalModelResponseFields: { delta: { stop_sequence: 'END' } } } },
      { metadata: { usage: { inputTokens: 12, outputTokens: 3, totalTokens: 1015, cacheReadInputTokens: 1000 }, metrics: { latencyMs: 5 } } },
    ]);
    expect(events).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_bdrk_stream',
          type: 'message',
          role: 'assistant',
          model: 'claude-sonnet-4-6',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          stop_details: null,
          container: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            cache_creation: null,
            server_tool_use: null,
            service_tier: 'standard',
            inference_geo: null,
            output_tokens_details: null,
          },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END', stop_details: null, container: null },
        usage: { input_tokens: 12, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, server_tool_use: null, output_tokens_details: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('numbers blocks contiguously, skipping dropped Bedrock blocks, and maps tool names back', async () => {
    const toolNames = createToolNameMap();
    const bedrockName = toolNames.register('mcp.server:tool', ['tools', 0, 'name']);
    const events = translate(
      [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Let me check.' } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { contentBlockStart: { contentBlockIndex: 1, start: { toolResult: { toolUseId: 'srv_1' } } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { toolResult: [{ text: 'server side' }] } } },
        { contentBlockStop: { contentBlockIndex: 1 } },
        { contentBlockDelta: { contentBlockIndex: 2, delta: { image: { source: { bytes: 'iVBORw0KGgo=' } } } } },
        { contentBlockStop: { contentBlockIndex: 2 } },
        { contentBlockStart: { contentBlockIndex: 3, start: { toolUse: { toolUseId: 'tooluse_9', name: bedrockName } } } },
        { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '{"q":' } } } },
        { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '1}' } } } },
        { contentBlockStop: { contentBlockIndex: 3 } },
        { messageStop: { stopReason: 'tool_use' } },
        { metadata: { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 1 } } },
      ],
      { ...context, toolNames },
    );
    expectWellFormed(events);
    expect(events.filter((event) => event.type === 'content_block_start').map((event) => event.index)).toEqual([0, 1]);
    expect((await accumulate(events)).content).toEqual([
      { type: 'text', text: 'Let me check.', citations: null },
      { type: 'tool_use', id: 'tooluse_9', name: 'mcp.server:tool', input: { q: 1 }, caller: { type: 'direct' } },
    ]);
  });

  it('closes a block whose stop never came before opening the next one and before the end', () => {
    const events = translate([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Answer' } } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
    ]);
    expectWellFormed(events);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('joins redacted content sent in several pieces as bytes', () => {
    const whole = btoa('opaque reasoning bytes!');
    const events = translate([
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: btoa('opaque re') } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: btoa('asoning bytes!') } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
    ]);
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: whole } });
  });

  it('sends message_delta and message_stop once, ignoring anything after them', () => {
    const translator = createStreamTranslator(context);
    translator.push({ messageStart: { role: 'assistant' } });
    translator.push({ messageStop: { stopReason: 'end_turn' } });
    const final = translator.push({ metadata: { usage: { inputTokens: 4, outputTokens: 1, totalTokens: 5 }, metrics: { latencyMs: 1 } } });
    expect(final.map((event) => event.type)).toEqual(['message_delta', 'message_stop']);
    expect(translator.push({ contentBlockDelta: { contentBlockIndex: 5, delta: { text: 'late' } } })).toEqual([]);
    expect(translator.push({ metadata: { usage: { inputTokens: 9, outputTokens: 9, totalTokens: 18 }, metrics: { latencyMs: 1 } } })).toEqual([]);
    expect(translator.finish()).toEqual([]);
  });

  it('ends with zero usage when metadata never came', () => {
    const translator = createStreamTranslator({ ...context, stopSequences: ['END'] });
    translator.push({ messageStart: { role: 'assistant' } });
    expect(translator.push({ messageStop: { stopReason: 'stop_sequence' } })).toEqual([]);
    expect(translator.finish()).toEqual([
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END', stop_details: null, container: null },
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, server_tool_use: null, output_tokens_details: null },
      },
      { type: 'message_stop' },
    ]);
  });

  it('throws STREAM_INCOMPLETE when the stream ends before messageStop', () => {
    const translator = createStreamTranslator(context);
    translator.push({ messageStart: { role: 'assistant' } });
    translator.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Par' } } });
    translator.push({ metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } });
    let thrown: unknown;
    try {
      translator.finish();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProxyError);
    expect(thrown).toMatchObject({ code: 'STREAM_INCOMPLETE', status: 500, type: 'api_error', message: 'Bedrock stream ended before messageStop' });
  });
});
