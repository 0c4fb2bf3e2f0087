import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { convertRequestToConverse, type ConverseConversionOptions } from '../../src/convert/convert-request-to-converse.js';
import { sanitizeDocumentName } from '../../src/convert/document-names.js';
import { claude, llama, version2026 } from '../support/conversion-options.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const nova: ConverseConversionOptions = { ...claude, bedrockModelId: 'us.amazon.nova-pro-v1:0', anthropicModel: false };
const tools = [{ name: 'get_weather', input_schema: { type: 'object' } }];

function convert(messages: unknown[], options: ConverseConversionOptions = claude, extra: Record<string, unknown> = {}) {
  return convertRequestToConverse(parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 100, messages, ...extra }), options);
}

function conversionError(messages: unknown[], options: ConverseConversionOptions = claude, extra: Record<string, unknown> = {}) {
  return proxyErrorOf(() => convert(messages, options, extra));
}

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const text = (value: string, more: Record<string, unknown> = {}) => ({ type: 'text', text: value, ...more });
const ephemeral = { type: 'ephemeral' };
const png = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } };
const pdf = (more: Record<string, unknown> = {}) => ({ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, ...more });
const citation = { type: 'char_location', cited_text: 'Oslo', document_index: 0, document_title: 'Atlas', start_char_index: 3, end_char_index: 7 };

describe('messages and blocks map to Converse (rules 3 and 4)', () => {
  it.each<[string, unknown[], Record<string, unknown>, unknown]>([
    ['string content', [user('Hi')], {}, [{ role: 'user', content: [{ text: 'Hi' }] }]],
    ['blank text blocks are skipped', [user([text(' '), text('Hi')])], {}, [{ role: 'user', content: [{ text: 'Hi' }] }]],
    [
      'a system message becomes user text in place, keeping its cache point',
      [user('Hi'), { role: 'system', content: [text('Be brief.', { cache_control: ephemeral })], output_config: { effort: 'low' } }],
      {},
      [{ role: 'user', content: [{ text: 'Hi' }, { text: 'Be brief.' }, { cachePoint: { type: 'default' } }] }],
    ],
    [
      'consecutive user messages merge with tool results first',
      [user('Weather?'), assistant([{ type: 'tool_use', id: 't1', name: 'get_weather', input: {} }]), user('Also this:'), user([{ type: 'tool_result', tool_use_id: 't1', content: 'sunny' }])],
      { tools },
      [
        { role: 'user', content: [{ text: 'Weather?' }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }, { text: 'Also this:' }] },
      ],
    ],
    ['an empty final assistant message is no prefill', [user('Hi'), assistant([])], {}, [{ role: 'user', content: [{ text: 'Hi' }] }]],
    ['consecutive assistant messages merge', [user('Hi'), assistant('One.'), assistant('Two.')], {}, [{ role: 'user', content: [{ text: 'Hi' }] }, { role: 'assistant', content: [{ text: 'One.' }, { text: 'Two.' }] }]],
    ['a base64 image', [user([png, text('What is it?')])], {}, [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } }, { text: 'What is it?' }] }]],
    [
      'a PDF document with title, context and citations',
      [user([pdf({ title: 'Q3 report.pdf', context: 'Finance', citations: { enabled: true } }), text('Sum up')])],
      {},
      [{ role: 'user', content: [{ document: { format: 'pdf', name: 'Q3 report pdf', source: { bytes: 'JVBERi0=' }, context: 'Finance', citations: { enabled: true } } }, { text: 'Sum up' }] }],
    ],
    [
      'plain-text and content documents, untitled ones numbered',
      [
        user([
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Plain.' } },
          { type: 'document', source: { type: 'content', content: [text('Part one'), text('Part two')] }, title: 'notes' },
          { type: 'document', source: { type: 'content', content: 'Whole' }, title: 'notes' },
          text('Compare'),
        ]),
      ],
      {},
      [
        {
          role: 'user',
          content: [
            { document: { format: 'txt', name: 'document-1', source: { text: 'Plain.' } } },
            { document: { format: 'txt', name: 'notes', source: { content: [{ text: 'Part one' }, { text: 'Part two' }] } } },
            { document: { format: 'txt', name: 'notes (2)', source: { content: [{ text: 'Whole' }] } } },
            { text: 'Compare' },
          ],
        },
      ],
    ],
    [
      'a search result',
      [user([{ type: 'search_result', source: 'https://example.com', title: 'Example', content: [text('Body')], citations: { enabled: true } }, text('Use it')])],
      {},
      [{ role: 'user', content: [{ searchResult: { source: 'https://example.com', title: 'Example', content: [{ text: 'Body' }], citations: { enabled: true } } }, { text: 'Use it' }] }],
    ],
    [
      'echoed thinking, redacted thinking and a direct tool call',
      [
        user('Go'),
        assistant([
          { type: 'thinking', thinking: 'Plan.', signature: 'c2ln' },
          { type: 'redacted_thinking', data: 'cmVkYWN0ZWQ=' },
          text('Calling.', { citations: null }),
          { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Oslo' }, caller: { type: 'direct' }, toolset_name: null },
        ]),
        user([{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }]),
      ],
      { tools },
      [
        { role: 'user', content: [{ text: 'Go' }] },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'Plan.', signature: 'c2ln' } } },
            { reasoningContent: { redactedContent: 'cmVkYWN0ZWQ=' } },
            { text: 'Calling.' },
            { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Oslo' } } },
          ],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }] },
      ],
    ],
    [
      'assistant text with citations becomes citationsContent',
      [user('Where?'), assistant([text('In Oslo.', { citations: [citation] })])],
      {},
      [
        { role: 'user', content: [{ text: 'Where?' }] },
        {
          role: 'assistant',
          content: [
            {
              citationsContent: {
                content: [{ text: 'In Oslo.' }],
                citations: [{ title: 'Atlas', sourceContent: [{ text: 'Oslo' }], location: { documentChar: { documentIndex: 0, start: 3, end: 7 } } }],
              },
            },
          ],
        },
      ],
    ],
    [
      'tool results: blocks, errors and empty content',
      [
        user([
          { type: 'tool_result', tool_use_id: 'a', content: [text('line'), png], is_error: true },
          { type: 'tool_result', tool_use_id: 'b' },
          { type: 'tool_result', tool_use_id: 'c', content: ' ' },
          { type: 'tool_result', tool_use_id: 'd', content: [] },
        ]),
      ],
      { tools },
      [
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'a', content: [{ text: 'line' }, { image: { format: 'png', source: { bytes: 'iVBORw0KGgo=' } } }], status: 'error' } },
            { toolResult: { toolUseId: 'b', content: [{ text: '(empty)' }] } },
            { toolResult: { toolUseId: 'c', content: [{ text: '(empty)' }] } },
            { toolResult: { toolUseId: 'd', content: [{ text: '(empty)' }] } },
          ],
        },
      ],
    ],
  ])('%s', (_name, messages, extra, expected) => {
    expect(convert(messages, claude, extra).value.body.messages).toEqual(expected);
  });

  it('applies the output_config of the last system message only', () => {
    const messages = [
      user('One'),
      { role: 'system', content: 'Earlier turn', output_config: { effort: 'max' } },
      assistant('Ok'),
      user('Two'),
      { role: 'system', content: 'This turn', output_config: { effort: 'low' } },
    ];
    expect(convert(messages, claude, { output_config: { effort: 'high' } }).value.body.outputConfig).toEqual({ effort: 'low' });
    const lastWithout = [...messages.slice(0, 4), { role: 'system', content: 'This turn' }];
    expect(convert(lastWithout, claude, { output_config: { effort: 'high' } }).value.body.outputConfig).toEqual({ effort: 'high' });
  });
});

describe('messages and blocks refused (rules 3 and 4)', () => {
  it.each<[string, unknown[], ConverseConversionOptions, Record<string, unknown>, string, string]>([
    ['a conversation that starts with the assistant', [assistant('Hi'), user('Hello')], claude, {}, 'INVALID_REQUEST', 'messages.0: Bedrock requires the conversation to start with a user message'],
    [
      'a message with nothing but blank text',
      [user('Hi'), assistant([text('  ')])],
      claude,
      {},
      'INVALID_REQUEST',
      'messages.1: the message has no content once blank text is removed; Bedrock rejects empty and blank messages',
    ],
    ['an image from the assistant', [user('Hi'), assistant([png])], claude, {}, 'INVALID_REQUEST', 'messages.1.content.0: Bedrock accepts images only in user messages'],
    ['a document from the assistant', [user('Hi'), assistant([pdf()])], claude, {}, 'INVALID_REQUEST', 'messages.1.content.0: Bedrock accepts documents only in user messages'],
    [
      'a document from the assistant under 2026-10-21',
      [user('Hi'), assistant([pdf()])],
      version2026,
      {},
      'INVALID_REQUEST',
      'messages.1.content.0: document blocks are not allowed in assistant messages with anthropic-version 2026-10-21',
    ],
    [
      'a document without text in its user message',
      [user([pdf()])],
      claude,
      {},
      'INVALID_REQUEST',
      'messages.0.content.0: Bedrock requires a user message that contains a document to also contain a text block; add a text block (for example, the question about the document)',
    ],
    ['user text with citations', [user([text('x', { citations: [citation] })])], claude, {}, 'UNSUPPORTED_FEATURE', 'messages.0.content.0.citations: citations on user text cannot be carried through Bedrock Converse'],
    [
      'user text with citations under 2026-10-21',
      [user([text('x', { citations: [citation] })])],
      version2026,
      {},
      'INVALID_REQUEST',
      'messages.0.content.0.citations: citations on user text are not allowed with anthropic-version 2026-10-21',
    ],
    [
      'a URL image',
      [user([{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }])],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.0.content.0.source: URL image sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the image as base64',
    ],
    [
      'a Files API image',
      [user([{ type: 'image', source: { type: 'file', file_id: 'file_1' } }])],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.0.content.0.source: Files API image sources (file_id) are not supported through Bedrock; send the image as base64',
    ],
    ['image transformations', [user([{ ...png, transformations: { oversized_image: 'downsize' } }])], claude, {}, 'UNSUPPORTED_FEATURE', 'messages.0.content.0.transformations: image transformations are not supported through Bedrock'],
    [
      'a URL document',
      [user([{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }, text('x')])],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.0.content.0.source: URL document sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the document as base64',
    ],
    [
      'an image inside document content',
      [user([{ type: 'document', source: { type: 'content', content: [png] } }, text('x')])],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.0.content.0.source.content.0: images inside a document are not supported through Bedrock; send the image as its own block',
    ],
    [
      'a server tool call in history',
      [user('Hi'), assistant([{ type: 'server_tool_use', id: 's1', name: 'web_search', input: {} }])],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.1.content.0: content block type "server_tool_use" is not supported through Bedrock Converse',
    ],
    [
      'a tool reference inside a tool result',
      [user([{ type: 'tool_result', tool_use_id: 't1', content: [{ type: 'tool_reference', tool_name: 'x' }] }])],
      claude,
      { tools },
      'UNSUPPORTED_FEATURE',
      'messages.0.content.0.content.0: content block type "tool_reference" is not supported through Bedrock Converse',
    ],
    [
      'a tool call made by code execution',
      [user('Hi'), assistant([{ type: 'tool_use', id: 't1', name: 'get_weather', input: {}, caller: { type: 'code_execution_20250825', tool_id: 's1' } }])],
      claude,
      { tools },
      'UNSUPPORTED_FEATURE',
      'messages.1.content.0.caller: tool calls made by code_execution_20250825 are not supported through Bedrock Converse',
    ],
    [
      'a toolset tool call',
      [user('Hi'), assistant([{ type: 'tool_use', id: 't1', name: 'get_weather', input: {}, toolset_name: 'browser' }])],
      claude,
      { tools },
      'UNSUPPORTED_FEATURE',
      'messages.1.content.0.toolset_name: toolsets are not supported through Bedrock Converse',
    ],
    [
      'clear_at next_user_message',
      [user('Hi'), { role: 'system', content: 'x', clear_at: 'next_user_message' }],
      claude,
      {},
      'UNSUPPORTED_FEATURE',
      'messages.1.clear_at: clear_at "next_user_message" is not supported through Bedrock',
    ],
  ])('%s', (_name, messages, options, extra, code, message) => {
    expect(conversionError(messages, options, extra)).toEqual({ code, message });
  });
});

describe('cache points (rule 4)', () => {
  it('puts a cache point right after the marked block, and after a tool result for a mark inside it', () => {
    const messages = [
      user([text('Long context', { cache_control: { type: 'ephemeral', ttl: '1h' } }), text('Question')]),
      assistant([{ type: 'tool_use', id: 't1', name: 'get_weather', input: {} }]),
      user([{ type: 'tool_result', tool_use_id: 't1', content: [text('result', { cache_control: ephemeral })] }]),
    ];
    expect(convert(messages, claude, { tools }).value.body.messages).toEqual([
      { role: 'user', content: [{ text: 'Long context' }, { cachePoint: { type: 'default', ttl: '1h' } }, { text: 'Question' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: {} } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'result' }] } }, { cachePoint: { type: 'default' } }] },
    ]);
  });

  it('places the top-level cache_control after the last block', () => {
    const result = convert([user('One'), assistant('Two'), user('Three')], claude, { cache_control: ephemeral });
    expect(result.value.body.messages?.[2]).toEqual({ role: 'user', content: [{ text: 'Three' }, { cachePoint: { type: 'default' } }] });
  });

  it('refuses more than four cache_control marks with the Anthropic wording', () => {
    const marked = (value: string) => text(value, { cache_control: ephemeral });
    const error = conversionError([user([marked('a'), marked('b'), marked('c'), marked('d')])], claude, { cache_control: ephemeral });
    expect(error).toEqual({ code: 'INVALID_REQUEST', message: 'A maximum of 4 blocks with cache_control may be provided. Found 5.' });
  });

  it('keeps cache points for Amazon Nova and drops them with a warning elsewhere', () => {
    const messages = [user([text('Context', { cache_control: ephemeral }), text('Question')])];
    expect(convert(messages, nova).value.body.messages?.[0]?.content).toEqual([{ text: 'Context' }, { cachePoint: { type: 'default' } }, { text: 'Question' }]);
    const onLlama = convert(messages, llama, { system: [text('S', { cache_control: ephemeral })] });
    expect(onLlama.value.body.messages?.[0]?.content).toEqual([{ text: 'Context' }, { text: 'Question' }]);
    expect(onLlama.value.body.system).toEqual([{ text: 'S' }]);
    expect(onLlama.warnings).toEqual([
      'cache_control: dropped 2 cache point(s); Bedrock supports prompt caching only for Claude and Amazon Nova models, not us.meta.llama3-3-70b-instruct-v1:0',
    ]);
  });

  it('drops the mark of a blank block with a warning', () => {
    const result = convert([user([text('Hi'), text(' ', { cache_control: ephemeral })])]);
    expect(result.value.body.messages?.[0]?.content).toEqual([{ text: 'Hi' }]);
    expect(result.warnings).toEqual(['messages.0.content.1.cache_control: dropped; the block is blank, so there is nothing to cache']);
  });
});

describe('document names follow Bedrock rules', () => {
  it.each([
    ['Q3 report.pdf', 'Q3 report pdf'],
    ['a\tb', 'a b'],
    ['  spaced   out  ', 'spaced out'],
    ['keep-(these) [chars]', 'keep-(these) [chars]'],
    ['résumé_2024', 'r sum 2024'],
    ['x'.repeat(250), 'x'.repeat(200)],
    ['***', ''],
  ])('%j → %j', (title, expected) => {
    expect(sanitizeDocumentName(title)).toBe(expected);
  });
});
