import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { buildNativeInvokeBody, type NativeConversionOptions } from '../../src/convert/native/build-native-invoke-body.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const options: NativeConversionOptions = {
  anthropicVersion: '2023-06-01',
  betas: [],
  features: { toolUse: true, extendedThinking: true, documents: true, promptCaching: true },
};
const request = { model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const ephemeral = { type: 'ephemeral' };

function build(fragment: Record<string, unknown>, buildOptions: NativeConversionOptions = options) {
  return buildNativeInvokeBody(parseMessagesRequest({ ...request, ...fragment }), buildOptions);
}

describe('rule 4: tools keep what Bedrock accepts', () => {
  const kept = { type: 'custom', name: 'get_weather', description: 'Weather by city', input_schema: schema, cache_control: { type: 'ephemeral', ttl: '1h' }, strict: true };
  it.each<[string, unknown, NativeConversionOptions, unknown, string[]]>([
    ['a custom tool with every accepted field', kept, options, kept, []],
    [
      "Claude Code's extras",
      { ...kept, defer_loading: true, eager_input_streaming: true, allowed_callers: ['direct'], input_examples: [{ city: 'Oslo' }] },
      options,
      kept,
      ['tools.0.allowed_callers', 'tools.0.defer_loading', 'tools.0.eager_input_streaming', 'tools.0.input_examples'],
    ],
    ['defer_loading false', { name: 'get_weather', input_schema: schema, defer_loading: false }, options, { name: 'get_weather', input_schema: schema }, ['tools.0.defer_loading']],
    [
      'input examples with their beta',
      { name: 'get_weather', input_schema: schema, input_examples: [{ city: 'Oslo' }] },
      { ...options, betas: ['tool-examples-2025-10-29'] },
      { name: 'get_weather', input_schema: schema, input_examples: [{ city: 'Oslo' }] },
      [],
    ],
    ['type null', { type: null, name: 'get_weather', input_schema: schema }, options, { name: 'get_weather', input_schema: schema }, ['tools.0.type']],
    ['bash', { type: 'bash_20250124', name: 'bash' }, options, { type: 'bash_20250124', name: 'bash' }, []],
    ['text editor', { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10000 }, options, { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10000 }, []],
    [
      'computer use, with a cache_control reduced to type and ttl',
      { type: 'computer_20251124', name: 'computer', display_width_px: 1024, display_height_px: 768, cache_control: { type: 'ephemeral', scope: 'global' } },
      { ...options, betas: ['computer-use-2025-11-24'] },
      { type: 'computer_20251124', name: 'computer', display_width_px: 1024, display_height_px: 768, cache_control: ephemeral },
      ['tools.0.cache_control.scope'],
    ],
    ['memory, its extras removed', { type: 'memory_20250818', name: 'memory', defer_loading: true }, options, { type: 'memory_20250818', name: 'memory' }, ['tools.0.defer_loading']],
  ])('%s', (_name, tool, buildOptions, expected, removed) => {
    const { value } = build({ tools: [tool] }, buildOptions);
    expect(value.body['tools']).toEqual([expected]);
    expect(value.removed).toEqual(removed);
  });

  it.each(['web_search_20250305', 'web_fetch_20250910', 'code_execution_20250825', 'tool_search_tool_regex_20251119', 'mcp_toolset', 'advisor_20260301'])(
    'refuses the server tool %s',
    (type) => {
      expect(proxyErrorOf(() => build({ tools: [{ name: 'get_weather', input_schema: schema }, { type, name: 'server' }] }))).toEqual({
        code: 'UNSUPPORTED_FEATURE',
        message: `tools.1: tool type "${type}" is not supported through Bedrock InvokeModel`,
      });
    },
  );

  it('refuses tools called from code execution', () => {
    expect(proxyErrorOf(() => build({ tools: [{ name: 'get_weather', input_schema: schema, allowed_callers: ['code_execution_20250825'] }] }))).toEqual({
      code: 'UNSUPPORTED_FEATURE',
      message: 'tools.0.allowed_callers: tools called from code execution are not supported through Bedrock InvokeModel; only ["direct"] is',
    });
  });
});

describe('rule 5: cache_control everywhere reduced to type and ttl; at most four', () => {
  const oneHour = { type: 'ephemeral', ttl: '1h' };
  const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } };
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'system blocks: kept, or dropped when null',
      { system: [{ type: 'text', text: 'One', cache_control: oneHour }, { type: 'text', text: 'Two', cache_control: null }] },
      { system: [{ type: 'text', text: 'One', cache_control: oneHour }, { type: 'text', text: 'Two' }] },
      ['system.1.cache_control'],
    ],
    [
      'message blocks',
      { messages: [{ role: 'user', content: [{ ...pdf, cache_control: ephemeral }, { type: 'text', text: 'Sum up', cache_control: null }] }] },
      { messages: [{ role: 'user', content: [{ ...pdf, cache_control: ephemeral }, { type: 'text', text: 'Sum up' }] }] },
      ['messages.0.content.1.cache_control'],
    ],
    [
      'tool results and the blocks inside them',
      {
        tools: [{ name: 'read', input_schema: { type: 'object' } }],
        messages: [
          { role: 'user', content: 'Read it' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', cache_control: ephemeral, content: [{ type: 'text', text: 'data', cache_control: null }] }] },
        ],
      },
      {
        tools: [{ name: 'read', input_schema: { type: 'object' } }],
        messages: [
          { role: 'user', content: 'Read it' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', cache_control: ephemeral, content: [{ type: 'text', text: 'data' }] }] },
        ],
      },
      ['messages.2.content.0.content.0.cache_control'],
    ],
    [
      'tools',
      { tools: [{ name: 'a', input_schema: { type: 'object' }, cache_control: null }, { name: 'b', input_schema: { type: 'object' }, cache_control: oneHour }] },
      { tools: [{ name: 'a', input_schema: { type: 'object' } }, { name: 'b', input_schema: { type: 'object' }, cache_control: oneHour }] },
      ['tools.0.cache_control'],
    ],
  ])('%s', (_name, fragment, expected, removed) => {
    const { value } = build(fragment);
    for (const [field, fieldValue] of Object.entries(expected)) expect(value.body[field]).toEqual(fieldValue);
    expect(value.removed).toEqual(removed);
  });

  it('refuses a fifth cache_control with the Converse path error', () => {
    const system = [1, 2, 3, 4, 5].map((index) => ({ type: 'text', text: `Part ${index}`, cache_control: ephemeral }));
    expect(proxyErrorOf(() => build({ system }))).toEqual({ code: 'INVALID_REQUEST', message: 'A maximum of 4 blocks with cache_control may be provided. Found 5.' });
  });
});
