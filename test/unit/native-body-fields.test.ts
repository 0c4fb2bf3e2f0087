import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { buildNativeInvokeBody, type NativeConversionOptions } from '../../src/convert/native/build-native-invoke-body.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const allFeatures = { toolUse: true, extendedThinking: true, documents: true, promptCaching: true };
const options: NativeConversionOptions = { anthropicVersion: '2023-06-01', betas: [], features: allFeatures };
const version2026: NativeConversionOptions = { ...options, anthropicVersion: '2026-10-21' };
const compact: NativeConversionOptions = { ...options, betas: ['compact-2026-01-12'] };

const request = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
const baseBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

function build(fragment: Record<string, unknown>, buildOptions: NativeConversionOptions = options) {
  return buildNativeInvokeBody(parseMessagesRequest({ ...request, ...fragment }), buildOptions);
}

function buildError(fragment: Record<string, unknown>, buildOptions: NativeConversionOptions = options) {
  return proxyErrorOf(() => build(fragment, buildOptions));
}

describe('rule 1: model and stream are never sent; anthropic_version is added', () => {
  it.each<[string, Record<string, unknown>]>([
    ['a plain request', {}],
    ['stream true', { stream: true }],
    ['stream false', { stream: false }],
  ])('%s', (_name, fragment) => {
    const { value, warnings } = build(fragment);
    expect(value.body).toEqual(baseBody);
    expect(value.removed).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('rule 2: only the fields Bedrock accepts; hints dropped and listed, features refused', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['sampling and stop sequences pass', { temperature: 0.5, top_p: 0.9, top_k: 40, stop_sequences: ['END'] }, { temperature: 0.5, top_p: 0.9, top_k: 40, stop_sequences: ['END'] }, []],
    ['metadata passes', { metadata: { user_id: 'user-1' } }, { metadata: { user_id: 'user-1' } }, []],
    ['diagnostics', { diagnostics: { previous_message_id: 'msg_1' } }, {}, ['diagnostics']],
    ['service_tier auto', { service_tier: 'auto' }, {}, ['service_tier']],
    ['service_tier standard_only', { service_tier: 'standard_only' }, {}, ['service_tier']],
    ['speed standard', { speed: 'standard' }, {}, ['speed']],
    ['user_profile_id and workspace_id', { user_profile_id: 'prof_1', workspace_id: 'wrkspc_1' }, {}, ['user_profile_id', 'workspace_id']],
    ['null container, no MCP servers, null inference_geo', { container: null, mcp_servers: [], inference_geo: null }, {}, ['inference_geo', 'container', 'mcp_servers']],
    [
      'top-level cache_control lands on the last block',
      { cache_control: { type: 'ephemeral', ttl: '1h' } },
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] }] },
      [],
    ],
  ])('%s', (_name, fragment, expected, removed) => {
    const { value } = build(fragment);
    expect(value.body).toEqual({ ...baseBody, ...expected });
    expect(value.removed).toEqual(removed);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['speed fast', { speed: 'fast' }, 'speed: speed "fast" is not available through Bedrock'],
    ['a container', { container: 'container_1' }, 'container: containers (code execution and skills) are not supported through Bedrock'],
    ['MCP servers', { mcp_servers: [{ type: 'url', url: 'https://mcp.example', name: 'x' }] }, 'mcp_servers: MCP servers are not supported through Bedrock InvokeModel; connect MCP tools on the client side'],
    ['inference_geo', { inference_geo: 'us' }, "inference_geo: inference_geo is not supported; the proxy's model mapping chooses the Bedrock inference profile"],
  ])('refuses %s', (_name, fragment, message) => {
    expect(buildError(fragment)).toEqual({ code: 'UNSUPPORTED_FEATURE', message });
  });

  it('top-level cache_control skips trailing thinking and leaves a marked block alone', () => {
    const messages = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }, { type: 'thinking', thinking: 'hm', signature: 'sig' }] },
    ];
    const placed = build({ messages, cache_control: { type: 'ephemeral' } }).value.body['messages'];
    expect(placed).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello', cache_control: { type: 'ephemeral' } }, { type: 'thinking', thinking: 'hm', signature: 'sig' }] },
    ]);
    const marked = [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] }];
    expect(build({ messages: marked, cache_control: { type: 'ephemeral' } }).value.body['messages']).toEqual(marked);
  });
});

describe('rule 3: anthropic_beta from the header, through the InvokeModel allow-list', () => {
  const allowed = [
    'interleaved-thinking-2025-05-14',
    'context-1m-2025-08-07',
    'fine-grained-tool-streaming-2025-05-14',
    'token-efficient-tools-2025-02-19',
    'output-128k-2025-02-19',
    'dev-full-thinking-2025-05-14',
    'effort-2025-11-24',
    'computer-use-2024-10-22',
    'computer-use-2025-01-24',
    'computer-use-2025-11-24',
    'context-management-2025-06-27',
    'tool-examples-2025-10-29',
    'compact-2026-01-12',
  ];
  it.each<[string, string[], string[] | undefined, string[]]>([
    ['no betas', [], undefined, []],
    ['every flag Bedrock accepts', allowed, allowed, []],
    ['a mix', ['claude-code-20250219', 'interleaved-thinking-2025-05-14', 'interleaved-thinking-2025-05-14'], ['interleaved-thinking-2025-05-14'], ['anthropic-beta: claude-code-20250219']],
    [
      'only rejected flags: the field is left out',
      ['prompt-caching-2024-07-31', 'advanced-tool-use-2025-11-20', 'files-api-2025-04-14'],
      undefined,
      ['anthropic-beta: prompt-caching-2024-07-31', 'anthropic-beta: advanced-tool-use-2025-11-20', 'anthropic-beta: files-api-2025-04-14'],
    ],
  ])('%s', (_name, betas, expected, removed) => {
    const { value } = build({}, { ...options, betas });
    expect(value.body['anthropic_beta']).toEqual(expected);
    expect('anthropic_beta' in value.body).toBe(expected !== undefined);
    expect(value.removed).toEqual(removed);
  });
});

describe('rule 6: context_management only with compaction edits and their beta', () => {
  const compactEdit = { type: 'compact_20260112' };
  const keepAll = { type: 'clear_thinking_20251015', keep: 'all' };
  it.each<[string, unknown, NativeConversionOptions, unknown, string[]]>([
    ['a compaction edit with the beta', { edits: [compactEdit] }, compact, { edits: [compactEdit] }, []],
    ['clear_thinking keeping all thinking', { edits: [keepAll] }, options, undefined, ['context_management.edits.0']],
    ['keep given as an object', { edits: [{ type: 'clear_thinking_20251015', keep: { type: 'all' } }] }, options, undefined, ['context_management.edits.0']],
    ['compaction beside a no-op clear_thinking', { edits: [compactEdit, keepAll] }, compact, { edits: [compactEdit] }, ['context_management.edits.1']],
    ['no edits', { edits: [] }, options, undefined, ['context_management']],
    ['null', null, options, undefined, ['context_management']],
  ])('%s', (_name, contextManagement, buildOptions, expected, removed) => {
    const { value } = build({ context_management: contextManagement }, buildOptions);
    expect(value.body['context_management']).toEqual(expected);
    expect(value.removed).toEqual(removed);
  });

  it.each<[string, unknown, NativeConversionOptions, { code: string; message: string }]>([
    [
      'compaction without its beta',
      { edits: [compactEdit] },
      options,
      { code: 'INVALID_REQUEST', message: 'context_management.edits.0: context management edit "compact_20260112" requires the anthropic-beta header compact-2026-01-12' },
    ],
    [
      'clearing tool uses',
      { edits: [compactEdit, { type: 'clear_tool_uses_20250919' }] },
      compact,
      { code: 'UNSUPPORTED_FEATURE', message: 'context_management.edits.1: context management edit "clear_tool_uses_20250919" is not supported through Bedrock InvokeModel; only compact_20260112 is' },
    ],
    [
      'clear_thinking that clears something',
      { edits: [{ type: 'clear_thinking_20251015', keep: { type: 'thinking_turns', value: 1 } }] },
      options,
      { code: 'UNSUPPORTED_FEATURE', message: 'context_management.edits.0: context management edit "clear_thinking_20251015" is not supported through Bedrock InvokeModel; only compact_20260112 is' },
    ],
  ])('refuses %s', (_name, contextManagement, buildOptions, expected) => {
    expect(buildError({ context_management: contextManagement }, buildOptions)).toEqual(expected);
  });
});

describe("rule 9: the client's version rules and the feature flags, as on the Converse path", () => {
  const assistantDocument = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes' } }] },
  ];
  const citation = { type: 'char_location', cited_text: 'Oslo', document_index: 0, document_title: 'Atlas', start_char_index: 3, end_char_index: 7 };
  const citedUserText = [{ role: 'user', content: [{ type: 'text', text: 'Oslo', citations: [citation] }] }];
  const documentMessage = [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes' } }, { type: 'text', text: 'Sum up' }] }];

  it.each<[string, Record<string, unknown>, NativeConversionOptions, { code: string; message: string }]>([
    ['temperature under 2026-10-21', { temperature: 1 }, version2026, { code: 'INVALID_REQUEST', message: 'temperature: not supported with anthropic-version 2026-10-21' }],
    ['top_p under 2026-10-21', { top_p: 0.99 }, version2026, { code: 'INVALID_REQUEST', message: 'top_p: not supported with anthropic-version 2026-10-21' }],
    ['top_k under 2026-10-21', { top_k: 5 }, version2026, { code: 'INVALID_REQUEST', message: 'top_k: not supported with anthropic-version 2026-10-21' }],
    [
      'a document in an assistant turn under 2026-10-21',
      { messages: assistantDocument },
      version2026,
      { code: 'INVALID_REQUEST', message: 'messages.1.content.0: document blocks are not allowed in assistant messages with anthropic-version 2026-10-21' },
    ],
    [
      'citations on user text under 2026-10-21',
      { messages: citedUserText },
      version2026,
      { code: 'INVALID_REQUEST', message: 'messages.0.content.0.citations: citations on user text are not allowed with anthropic-version 2026-10-21' },
    ],
    ['max_tokens 0', { max_tokens: 0 }, options, { code: 'INVALID_REQUEST', message: 'max_tokens: must be at least 1 on Bedrock; max_tokens 0 (cache pre-warming) is not supported' }],
    [
      'tools with tool use switched off',
      { tools: [{ name: 'get_weather', input_schema: { type: 'object' } }] },
      { ...options, features: { ...allFeatures, toolUse: false } },
      { code: 'FEATURE_DISABLED', message: 'tools: tool use is disabled on this proxy (ENABLE_TOOL_USE=false)' },
    ],
    [
      'thinking with extended thinking switched off',
      { thinking: { type: 'adaptive' } },
      { ...options, features: { ...allFeatures, extendedThinking: false } },
      { code: 'FEATURE_DISABLED', message: 'thinking: extended thinking is disabled on this proxy (ENABLE_EXTENDED_THINKING=false)' },
    ],
    [
      'a document with documents switched off',
      { messages: documentMessage },
      { ...options, features: { ...allFeatures, documents: false } },
      { code: 'FEATURE_DISABLED', message: 'messages.0.content.0: document support is disabled on this proxy (ENABLE_DOCUMENT_SUPPORT=false)' },
    ],
    [
      'cache_control with prompt caching switched off',
      { system: [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }] },
      { ...options, features: { ...allFeatures, promptCaching: false } },
      { code: 'FEATURE_DISABLED', message: 'system.0.cache_control: prompt caching is disabled on this proxy (PROMPT_CACHING_ENABLED=false)' },
    ],
  ])('refuses %s', (_name, fragment, buildOptions, expected) => {
    expect(buildError(fragment, buildOptions)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>]>([
    ['sampling parameters', { temperature: 0.2, top_p: 0.5, top_k: 3 }],
    ['a document in an assistant turn', { messages: assistantDocument }],
    ['citations on user text', { messages: citedUserText }],
  ])('passes %s under 2023-06-01', (_name, fragment) => {
    expect(build(fragment).value.body).toEqual({ ...baseBody, ...fragment });
  });
});
