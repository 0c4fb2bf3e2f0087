import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { convertRequestToConverse, type ConverseConversionOptions } from '../../src/convert/convert-request-to-converse.js';
import { bedrockToolName, createToolNameMap } from '../../src/convert/tool-names.js';
import { claude, llama } from '../support/conversion-options.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';


const weather = { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
const weatherSpec = { toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: weather.input_schema } } };
const ask = [{ role: 'user', content: 'Weather in Oslo?' }];
const toolHistory = [
  ...ask,
  { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Oslo' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '12 C' }] },
];

function convert(fragment: Record<string, unknown>, options: ConverseConversionOptions = claude) {
  return convertRequestToConverse(parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: ask, ...fragment }), options);
}

function conversionError(fragment: Record<string, unknown>, options: ConverseConversionOptions = claude) {
  return proxyErrorOf(() => convert(fragment, options));
}

describe('tools and tool_choice map to Converse (rules 5 and 6)', () => {
  it.each<[string, Record<string, unknown>, ConverseConversionOptions, unknown, unknown, string[]]>([
    ['no tools: no toolConfig', {}, claude, undefined, undefined, []],
    ['a custom tool', { tools: [weather] }, claude, { tools: [weatherSpec] }, undefined, []],
    [
      'empty description left out, strict kept, cache point after the tool',
      { tools: [{ ...weather, description: '', strict: true, cache_control: { type: 'ephemeral' }, type: 'custom' }] },
      claude,
      { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: weather.input_schema }, strict: true } }, { cachePoint: { type: 'default' } }] },
      undefined,
      [],
    ],
    [
      'defer_loading and eager_input_streaming are hints',
      { tools: [{ ...weather, defer_loading: true, eager_input_streaming: true, allowed_callers: ['direct'], input_examples: [] }] },
      claude,
      { tools: [weatherSpec] },
      undefined,
      [
        'tools.0.defer_loading: ignored; Bedrock has no deferred tool loading, so the tool is sent with the others',
        'tools.0.eager_input_streaming: ignored; Bedrock streams tool input its own way',
      ],
    ],
    ['tool_choice auto', { tools: [weather], tool_choice: { type: 'auto' } }, claude, { tools: [weatherSpec], toolChoice: { auto: {} } }, undefined, []],
    ['tool_choice any', { tools: [weather], tool_choice: { type: 'any' } }, claude, { tools: [weatherSpec], toolChoice: { any: {} } }, undefined, []],
    [
      'tool_choice tool',
      { tools: [weather], tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: false } },
      claude,
      { tools: [weatherSpec], toolChoice: { tool: { name: 'get_weather' } } },
      undefined,
      [],
    ],
    [
      'disable_parallel_tool_use goes only in the native field',
      { tools: [weather], tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
      claude,
      { tools: [weatherSpec] },
      { tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
      [],
    ],
    [
      'disable_parallel_tool_use with a named tool',
      { tools: [weather], tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true } },
      claude,
      { tools: [weatherSpec] },
      { tool_choice: { type: 'tool', name: 'get_weather', disable_parallel_tool_use: true } },
      [],
    ],
    ['tool_choice none without tool history hides the tools', { tools: [weather], tool_choice: { type: 'none' } }, claude, undefined, undefined, []],
    [
      'tool_choice none with tool history on Claude',
      { tools: [weather], tool_choice: { type: 'none' }, messages: toolHistory },
      claude,
      { tools: [weatherSpec] },
      { tool_choice: { type: 'none' } },
      [],
    ],
    ['tool_choice auto without tools', { tool_choice: { type: 'auto' } }, claude, undefined, undefined, []],
  ])('%s', (_name, fragment, options, toolConfig, additionalFields, warnings) => {
    const { value, warnings: actualWarnings } = convert(fragment, options);
    expect(value.body.toolConfig).toEqual(toolConfig);
    expect(value.body.additionalModelRequestFields).toEqual(additionalFields);
    expect(actualWarnings).toEqual(warnings);
  });
});

describe('tools and tool_choice refused (rules 5 and 6)', () => {
  it.each<[string, Record<string, unknown>, ConverseConversionOptions, string, string]>([
    [
      'an Anthropic server tool',
      { tools: [weather, { type: 'web_search_20250305', name: 'web_search' }] },
      claude,
      'UNSUPPORTED_FEATURE',
      'tools.1: tool type "web_search_20250305" is not supported through Bedrock Converse',
    ],
    ['an Anthropic client tool', { tools: [{ type: 'bash_20250124', name: 'bash' }] }, claude, 'UNSUPPORTED_FEATURE', 'tools.0: tool type "bash_20250124" is not supported through Bedrock Converse'],
    [
      'tools callable from code execution',
      { tools: [{ ...weather, allowed_callers: ['code_execution_20250825'] }] },
      claude,
      'UNSUPPORTED_FEATURE',
      'tools.0.allowed_callers: tools called from code execution are not supported through Bedrock Converse; only ["direct"] is',
    ],
    ['input examples', { tools: [{ ...weather, input_examples: [{ city: 'Oslo' }] }] }, claude, 'UNSUPPORTED_FEATURE', 'tools.0.input_examples: tool input examples are not supported through Bedrock Converse'],
    ['tool history without tools', { messages: toolHistory }, claude, 'INVALID_REQUEST', 'Requests which include `tool_use` or `tool_result` blocks must define tools.'],
    ['tool_choice any without tools', { tool_choice: { type: 'any' } }, claude, 'INVALID_REQUEST', 'tool_choice: tool_choice "any" requires at least one tool in `tools`'],
    [
      'disable_parallel_tool_use on a model that is not Claude',
      { tools: [weather], tool_choice: { type: 'any', disable_parallel_tool_use: true } },
      llama,
      'UNSUPPORTED_FEATURE',
      'tool_choice.disable_parallel_tool_use: disable_parallel_tool_use is only supported for Claude models on Bedrock',
    ],
    [
      'tool_choice none with tool history on a model that is not Claude',
      { tools: [weather], tool_choice: { type: 'none' }, messages: toolHistory },
      llama,
      'UNSUPPORTED_FEATURE',
      'tool_choice: tool_choice "none" with tool calls in the history is only supported for Claude models on Bedrock',
    ],
    [
      'two names that become one Bedrock name',
      { tools: [{ ...weather, name: 'get.weather' }, { ...weather, name: bedrockToolName('get.weather') }] },
      claude,
      'INVALID_REQUEST',
      `tools.1.name: tool names "get.weather" and "${bedrockToolName('get.weather')}" both become "${bedrockToolName('get.weather')}" under Bedrock's tool-name rules (1-64 characters of a-z, A-Z, 0-9, _ and -); rename one of them`,
    ],
  ])('%s', (_name, fragment, options, code, message) => {
    expect(conversionError(fragment, options)).toEqual({ code, message });
  });
});

describe('tool names Bedrock cannot take are shortened the same way every time', () => {
  const longName = `mcp__github__${'create_or_update_file_contents_'.repeat(4)}`;

  it.each([
    ['get_weather', 'get_weather'],
    ['mcp.server:tool', 'mcp_server_tool_735a29ec'],
    [longName, `${longName.slice(0, 55)}_87ee3e00`],
  ])('%s → %s', (name, expected) => {
    expect(bedrockToolName(name)).toBe(expected);
    expect(bedrockToolName(name)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('maps tools and history calls both ways', () => {
    const request = {
      tools: [{ ...weather, name: longName }],
      messages: [
        ...ask,
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: longName, input: {} }, { type: 'tool_use', id: 't2', name: 'old.tool', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1' }, { type: 'tool_result', tool_use_id: 't2' }] },
      ],
    };
    const { value } = convert(request);
    const shortName = bedrockToolName(longName);
    expect(value.body.toolConfig?.tools?.[0]?.toolSpec?.name).toBe(shortName);
    expect(value.body.messages?.[1]?.content?.map((block) => block.toolUse?.name)).toEqual([shortName, 'old_tool_cb604bd2']);
    expect(value.toolNames.toAnthropic(shortName)).toBe(longName);
    expect(value.toolNames.toAnthropic('old_tool_cb604bd2')).toBe('old.tool');
    expect(value.toolNames.toBedrock(longName)).toBe(shortName);
    expect(value.toolNames.toAnthropic('unknown_tool')).toBe('unknown_tool');
  });

  it('leaves a fresh map empty until names are registered', () => {
    const map = createToolNameMap();
    expect(map.toAnthropic(bedrockToolName('a.b'))).toBe(bedrockToolName('a.b'));
    map.register('a.b', ['tools', 0, 'name']);
    expect(map.toAnthropic(bedrockToolName('a.b'))).toBe('a.b');
  });
});
