import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { buildNativeInvokeBody, type NativeConversionOptions } from '../../src/convert/native/build-native-invoke-body.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const options: NativeConversionOptions = {
  anthropicVersion: '2023-06-01',
  betas: [],
  features: { toolUse: true, extendedThinking: true, documents: true, promptCaching: true },
};
const tools = [{ name: 'get_weather', input_schema: { type: 'object' } }];

function build(fragment: Record<string, unknown>) {
  return buildNativeInvokeBody(parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 100, ...fragment }), options);
}

function buildError(fragment: Record<string, unknown>) {
  return proxyErrorOf(() => build(fragment));
}

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const system = (content: unknown, more: Record<string, unknown> = {}) => ({ role: 'system', content, ...more });
const text = (value: string, more: Record<string, unknown> = {}) => ({ type: 'text', text: value, ...more });
const toolUse = (more: Record<string, unknown> = {}) => ({ type: 'tool_use', id: 'toolu_bdrk_1', name: 'get_weather', input: { city: 'Oslo' }, ...more });
const toolResult = (more: Record<string, unknown> = {}) => ({ type: 'tool_result', tool_use_id: 'toolu_bdrk_1', content: 'sunny', ...more });
const systemWarning = (index: number) =>
  `messages.${index}: a role "system" message is sent as user text at its place; Bedrock does not accept the system role inside messages`;

describe('rule 7: system messages inside messages become user text, merged as on the Converse path', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[], string[]]>([
    [
      'after a user message, keeping its cache_control',
      { messages: [user('Hi'), system([text('Be brief.', { cache_control: { type: 'ephemeral' } })])] },
      { messages: [user([text('Hi'), text('Be brief.', { cache_control: { type: 'ephemeral' } })])] },
      [systemWarning(1)],
      [],
    ],
    ['as the first message', { messages: [system('Rules'), user('Hi')] }, { messages: [user([text('Rules'), text('Hi')])] }, [systemWarning(0)], []],
    [
      'before tool results, which go first in the merged turn',
      { tools, messages: [user('Weather?'), assistant([toolUse()]), system('Note'), user([toolResult()])] },
      { messages: [user('Weather?'), assistant([toolUse()]), user([toolResult(), text('Note')])] },
      [systemWarning(2)],
      [],
    ],
    [
      "the last one's effort overrides the top-level effort, other output_config fields stay",
      {
        output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } },
        messages: [user('Hi'), system('Earlier', { output_config: { effort: 'max' } }), assistant('Ok'), user('Go'), system('Now', { output_config: { effort: 'low' } })],
      },
      { output_config: { effort: 'low', format: { type: 'json_schema', schema: { type: 'object' } } } },
      [systemWarning(1), systemWarning(4)],
      [],
    ],
    ['an effort with no top-level output_config', { messages: [user('Hi'), system('Now', { output_config: { effort: 'medium' } })] }, { output_config: { effort: 'medium' } }, [systemWarning(1)], []],
    ['clear_at "never" is dropped', { messages: [user('Hi'), system('Now', { clear_at: 'never' })] }, { messages: [user([text('Hi'), text('Now')])] }, [systemWarning(1)], ['messages.1.clear_at']],
    ['consecutive assistant messages merge', { messages: [user('Hi'), assistant('One.'), assistant('Two.')] }, { messages: [user('Hi'), assistant([text('One.'), text('Two.')])] }, [], []],
    ['an empty final assistant message is no prefill', { messages: [user('Hi'), assistant([])] }, { messages: [user('Hi')] }, [], []],
  ])('%s', (_name, fragment, expected, warnings, removed) => {
    const result = build(fragment);
    for (const [field, value] of Object.entries(expected)) expect(result.value.body[field]).toEqual(value);
    expect(result.warnings).toEqual(warnings);
    expect(result.value.removed).toEqual(removed);
  });

  it.each<[string, Record<string, unknown>, { code: string; message: string }]>([
    [
      'clear_at "next_user_message"',
      { messages: [user('Hi'), system('x', { clear_at: 'next_user_message' })] },
      { code: 'UNSUPPORTED_FEATURE', message: 'messages.1.clear_at: clear_at "next_user_message" is not supported through Bedrock' },
    ],
    [
      'a server-tool block in a system message',
      { messages: [user('Hi'), system([{ type: 'tool_reference', tool_name: 'x' }])] },
      { code: 'UNSUPPORTED_FEATURE', message: 'messages.1.content.0: content block type "tool_reference" is not supported through Bedrock InvokeModel' },
    ],
    ['a system message without content', { messages: [user('Hi'), system(undefined)] }, { code: 'INVALID_REQUEST', message: 'messages.1: the message has no content once blank text is removed; Bedrock rejects empty and blank messages' }],
    ['an assistant message first', { messages: [assistant('Hi')] }, { code: 'INVALID_REQUEST', message: 'messages.0: Bedrock requires the conversation to start with a user message' }],
  ])('refuses %s', (_name, fragment, expected) => {
    expect(buildError(fragment)).toEqual(expected);
  });
});

describe('rule 8: fields clients echo back from responses are removed', () => {
  it.each<[string, unknown[], unknown[], string[]]>([
    ['caller direct on tool_use', [user('Weather?'), assistant([toolUse({ caller: { type: 'direct' } })])], [user('Weather?'), assistant([toolUse()])], ['messages.1.content.0.caller']],
    ['citations null on text', [user('Hi'), assistant([text('Hello', { citations: null })])], [user('Hi'), assistant([text('Hello')])], ['messages.1.content.0.citations']],
    ['toolset_name null on tool_use', [user('Weather?'), assistant([toolUse({ toolset_name: null })])], [user('Weather?'), assistant([toolUse()])], ['messages.1.content.0.toolset_name']],
    [
      'toolset_name null on tool_result',
      [user('Weather?'), assistant([toolUse()]), user([toolResult({ toolset_name: null })])],
      [user('Weather?'), assistant([toolUse()]), user([toolResult()])],
      ['messages.2.content.0.toolset_name'],
    ],
    ['citations null inside a tool result', [user('Weather?'), assistant([toolUse()]), user([toolResult({ content: [text('sunny', { citations: null })] })])], [user('Weather?'), assistant([toolUse()]), user([toolResult({ content: [text('sunny')] })])], ['messages.2.content.0.content.0.citations']],
  ])('%s', (_name, messages, expected, removed) => {
    const { value } = build({ tools, messages });
    expect(value.body['messages']).toEqual(expected);
    expect(value.removed).toEqual(removed);
  });

  it.each<[string, unknown[], string]>([
    ['a tool call made by code execution', [user('x'), assistant([toolUse({ caller: { type: 'code_execution_20250825', tool_id: 'srvtoolu_1' } })])], 'messages.1.content.0.caller: tool calls made by code_execution_20250825 are not supported through Bedrock InvokeModel'],
    ['a named toolset', [user('x'), assistant([toolUse({ toolset_name: 'github' })])], 'messages.1.content.0.toolset_name: toolsets are not supported through Bedrock InvokeModel'],
    ['a server tool call', [user('x'), assistant([{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }])], 'messages.1.content.0: content block type "server_tool_use" is not supported through Bedrock InvokeModel'],
  ])('refuses %s', (_name, messages, message) => {
    expect(buildError({ tools, messages })).toEqual({ code: 'UNSUPPORTED_FEATURE', message });
  });
});

describe('rule 10: everything else passes through unchanged', () => {
  const png = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } };
  const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'Q3 report.pdf', context: 'Finance', citations: { enabled: true } };
  const contentDocument = { type: 'document', source: { type: 'content', content: [text('Part one'), png] } };
  const searchResult = { type: 'search_result', source: 'https://example.com', title: 'Example', content: [text('Result')], citations: { enabled: true } };
  const compaction = { type: 'compaction', content: 'Summary so far' };
  it.each<[string, Record<string, unknown>]>([
    ['thinking with display', { thinking: { type: 'adaptive', display: 'summarized' }, messages: [user('Hi')] }],
    ['budget thinking', { thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' }, messages: [user('Hi')] }],
    ['output_config', { output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } }, messages: [user('Hi')] }],
    ['tool_choice none', { tools, tool_choice: { type: 'none' }, messages: [user('Hi')] }],
    ['tool_choice without parallel calls', { tools, tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true }, messages: [user('Hi')] }],
    ['a system string', { system: 'Be brief.', messages: [user('Hi')] }],
    ['images, documents and search results', { messages: [user([png, pdf, contentDocument, searchResult, text('Compare')])] }],
    ['thinking blocks and tool calls in history', { tools, messages: [user('Weather?'), assistant([{ type: 'thinking', thinking: 'Look it up', signature: 'c2ln' }, { type: 'redacted_thinking', data: 'ZGF0YQ==' }, toolUse()]), user([toolResult({ is_error: true, content: [text('failed'), png] })])] }],
    ['compaction blocks', { messages: [user('Hi'), assistant([compaction, text('Hello')]), user('Go on')] }],
    ['blank text (Bedrock answers for it)', { messages: [user([text(' '), text('Hi')])] }],
  ])('%s', (_name, fragment) => {
    const { value } = build(fragment);
    expect(value.body).toEqual({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, ...fragment });
    expect(value.removed).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a URL image', { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }, 'messages.0.content.0.source: URL image sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the image as base64'],
    ['a Files API image', { type: 'image', source: { type: 'file', file_id: 'file_1' } }, 'messages.0.content.0.source: Files API image sources (file_id) are not supported through Bedrock; send the image as base64'],
    ['a URL document', { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }, 'messages.0.content.0.source: URL document sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the document as base64'],
    ['a Files API document', { type: 'document', source: { type: 'file', file_id: 'file_1' } }, 'messages.0.content.0.source: Files API document sources (file_id) are not supported through Bedrock; send the document as base64 or text'],
  ])('refuses %s', (_name, block, message) => {
    expect(buildError({ messages: [user([block, text('What is it?')])] })).toEqual({ code: 'UNSUPPORTED_FEATURE', message });
  });
});
