import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { comparableMessage } from '../support/comparable-message.js';
import { scripted } from '../support/mock-script.js';
import { clientOf, useTestProxiesForBothApis } from '../support/both-apis.js';

const stacks = useTestProxiesForBothApis();

const model = 'claude-sonnet-4-5';
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const redacted = Buffer.from('opaque').toString('base64');
const tools: Anthropic.Tool[] = [
  { name: 'read_file', description: 'Reads a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'screenshot', input_schema: { type: 'object' } },
];

/** A conversation as a client replays it: every kind of block a previous answer can hold. */
const history: Anthropic.MessageParam[] = [
  { role: 'user', content: 'Read notes.txt and take a screenshot.' },
  { role: 'user', content: [{ type: 'document', title: 'Style guide: v2/draft', source: { type: 'content', content: [{ type: 'text', text: 'Be brief.' }] } }, { type: 'text', text: 'Follow the guide.' }] },
  {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'I need both tools.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: redacted },
      { type: 'text', text: 'Doing both.' },
      { type: 'tool_use', id: 'toolu_read', name: 'read_file', input: { path: 'notes.txt' } },
      { type: 'tool_use', id: 'toolu_shot', name: 'screenshot', input: {} },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'toolu_read', content: 'No such file', is_error: true },
      { type: 'tool_result', tool_use_id: 'toolu_shot', content: [{ type: 'text', text: 'Here it is' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }] },
    ],
  },
  { role: 'user', content: [{ type: 'text', text: scripted({ content: [{ text: 'The file is missing; the screenshot shows a dot.' }] }) }] },
];

const params = { model, max_tokens: 4000, thinking: { type: 'enabled' as const, budget_tokens: 2000 }, tools, messages: history };

describe.each(['1.x', '0.x'] as const)('a replayed conversation through the %s SDK', (sdk) => {
  it('reaches InvokeModel as the native body, sanitised, and answers the same streamed or not', async () => {
    const client = clientOf(stacks.invoke, sdk);
    const plain = await client.messages.create(params);
    const sent = stacks.invoke.simulator.calls.at(-1)!.body as { messages: unknown[]; tools: unknown[]; thinking: unknown };
    const streamed = await client.messages.stream(params).finalMessage();
    expect(comparableMessage(streamed)).toEqual(comparableMessage(plain));
    expect(plain.content).toEqual([{ type: 'text', text: 'The file is missing; the screenshot shows a dot.' }]);
    expect(sent.tools).toEqual(tools);
    expect(sent.thinking).toEqual(params.thinking);
    // Consecutive user turns are merged, as Anthropic's API does; every block is otherwise as sent.
    const [ask, guide, assistant, results, followUp] = history as Array<{ role: string; content: Anthropic.ContentBlockParam[] | string }>;
    expect(sent.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: ask!.content }, ...(guide!.content as unknown[])] },
      assistant,
      { role: 'user', content: [...(results!.content as unknown[]), ...(followUp!.content as unknown[])] },
    ]);
  });

  it('reaches Converse with every block in Converse form and answers the same streamed or not', async () => {
    const client = clientOf(stacks.converse, sdk);
    const plain = await client.messages.create(params);
    const sent = stacks.converse.simulator.calls.at(-1)!.body as { messages: Array<{ role: string; content: unknown[] }> };
    const streamed = await client.messages.stream(params).finalMessage();
    expect(comparableMessage(streamed)).toEqual(comparableMessage(plain));
    expect(plain.content).toEqual([{ type: 'text', text: 'The file is missing; the screenshot shows a dot.', citations: null }]);

    expect(sent.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[0]!.content).toEqual([
      { text: 'Read notes.txt and take a screenshot.' },
      { document: { format: 'txt', name: 'Style guide v2 draft', source: { content: [{ text: 'Be brief.' }] } } },
      { text: 'Follow the guide.' },
    ]);
    expect(sent.messages[1]!.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'I need both tools.', signature: 'sig-1' } } },
      { reasoningContent: { redactedContent: redacted } },
      { text: 'Doing both.' },
      { toolUse: { toolUseId: 'toolu_read', name: 'read_file', input: { path: 'notes.txt' } } },
      { toolUse: { toolUseId: 'toolu_shot', name: 'screenshot', input: {} } },
    ]);
    expect(sent.messages[2]!.content.slice(0, 2)).toEqual([
      { toolResult: { toolUseId: 'toolu_read', content: [{ text: 'No such file' }], status: 'error' } },
      { toolResult: { toolUseId: 'toolu_shot', content: [{ text: 'Here it is' }, { image: { format: 'png', source: { bytes: png } } }] } },
    ]);
  });
});
