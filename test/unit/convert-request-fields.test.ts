import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import { convertRequestToConverse, type ConverseConversionOptions } from '../../src/convert/convert-request-to-converse.js';
import { claude, llama, version2026 } from '../support/conversion-options.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const base = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] };

function convert(fragment: Record<string, unknown>, options: ConverseConversionOptions = claude) {
  return convertRequestToConverse(parseMessagesRequest({ ...base, ...fragment }), options);
}

function conversionError(fragment: Record<string, unknown>, options: ConverseConversionOptions = claude): { code: string; message: string } {
  return proxyErrorOf(() => convert(fragment, options));
}

type Expected = Partial<Record<keyof ConverseRequestBody, unknown>>;

describe('top-level fields map to Converse (rules 1, 2, 7, 8, 9, 10)', () => {
  it.each<[string, Record<string, unknown>, ConverseConversionOptions, Expected, string[]]>([
    ['max_tokens', {}, claude, { inferenceConfig: { maxTokens: 1024 }, additionalModelRequestFields: undefined }, []],
    ['temperature and top_p', { temperature: 0.5, top_p: 0.9 }, claude, { inferenceConfig: { maxTokens: 1024, temperature: 0.5, topP: 0.9 } }, []],
    ['top_k on Claude', { top_k: 40 }, claude, { additionalModelRequestFields: { top_k: 40 } }, []],
    [
      'stop sequences on Claude ask for the matched sequence',
      { stop_sequences: ['END', '###'] },
      claude,
      {
        inferenceConfig: { maxTokens: 1024, stopSequences: ['END', '###'] },
        additionalModelResponseFieldPaths: ['/stop_sequence', '/delta/stop_sequence'],
      },
      [],
    ],
    ['stop sequences elsewhere', { stop_sequences: ['END'] }, llama, { inferenceConfig: { maxTokens: 1024, stopSequences: ['END'] }, additionalModelResponseFieldPaths: undefined }, []],
    ['an empty stop-sequence list', { stop_sequences: [] }, claude, { inferenceConfig: { maxTokens: 1024 }, additionalModelResponseFieldPaths: undefined }, []],
    ['system string', { system: 'Be brief.' }, claude, { system: [{ text: 'Be brief.' }] }, []],
    ['blank system string', { system: '  \n' }, claude, { system: undefined }, []],
    [
      'system blocks with cache_control and ttl, blank ones skipped',
      {
        system: [
          { type: 'text', text: 'One', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: ' ' },
          { type: 'text', text: 'Two', cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
      },
      claude,
      { system: [{ text: 'One' }, { cachePoint: { type: 'default' } }, { text: 'Two' }, { cachePoint: { type: 'default', ttl: '1h' } }] },
      [],
    ],
    [
      'a cache mark on a blank system block moves to the text before it',
      { system: [{ type: 'text', text: 'One' }, { type: 'text', text: '', cache_control: { type: 'ephemeral' } }] },
      claude,
      { system: [{ text: 'One' }, { cachePoint: { type: 'default' } }] },
      [],
    ],
    ['thinking verbatim on Claude', { thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' } }, claude, { additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048, display: 'omitted' } } }, []],
    ['thinking disabled on Claude', { thinking: { type: 'disabled' } }, claude, { additionalModelRequestFields: { thinking: { type: 'disabled' } } }, []],
    ['thinking disabled elsewhere is left out', { thinking: { type: 'disabled' } }, llama, { additionalModelRequestFields: undefined }, []],
    ['output_config effort', { output_config: { effort: 'low' } }, claude, { outputConfig: { effort: 'low' } }, []],
    [
      'output_config JSON schema',
      { output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } } },
      claude,
      {
        outputConfig: {
          textFormat: {
            type: 'json_schema',
            structure: { jsonSchema: { schema: '{"type":"object","properties":{"a":{"type":"string"}}}', name: 'response' } },
          },
        },
      },
      [],
    ],
    ['output_config nulls', { output_config: { effort: null, format: null } }, claude, { outputConfig: undefined }, []],
    ['metadata.user_id that Bedrock accepts', { metadata: { user_id: 'user-42@example.com' } }, claude, { requestMetadata: { user_id: 'user-42@example.com' } }, []],
    [
      'metadata.user_id that Bedrock would reject',
      { metadata: { user_id: '{"device_id":"abc"}' } },
      claude,
      { requestMetadata: undefined },
      ['metadata.user_id: not sent; Bedrock request metadata allows at most 256 letters, digits, spaces and : _ @ $ # = / + , - .'],
    ],
    ['service_tier standard_only', { service_tier: 'standard_only' }, claude, { serviceTier: { type: 'default' } }, []],
    ['service_tier auto', { service_tier: 'auto' }, claude, { serviceTier: undefined }, []],
    ['speed standard', { speed: 'standard' }, claude, {}, []],
    ['diagnostics', { diagnostics: { previous_message_id: 'msg_1' } }, claude, {}, ['diagnostics: ignored; Bedrock reports no cache diagnostics']],
    ['workspace_id', { workspace_id: 'wrkspc_1' }, claude, {}, ['workspace_id: ignored; Bedrock has no Anthropic workspaces']],
    ['context_management that clears nothing', { context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] } }, claude, { additionalModelRequestFields: undefined }, []],
    ['context_management keep {type:"all"}', { context_management: { edits: [{ type: 'clear_thinking_20251015', keep: { type: 'all' } }] } }, claude, {}, []],
    [
      'betas on the allow-list pass, others are dropped',
      {},
      { ...claude, betas: ['claude-code-20250219', 'interleaved-thinking-2025-05-14', 'prompt-caching-2024-07-31', 'context-1m-2025-08-07'] },
      { additionalModelRequestFields: { anthropic_beta: ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'] } },
      ['anthropic-beta: dropped claude-code-20250219, prompt-caching-2024-07-31 (not accepted by Bedrock Converse)'],
    ],
    [
      'betas with nothing left',
      {},
      { ...claude, betas: ['advanced-tool-use-2025-11-20'] },
      { additionalModelRequestFields: undefined },
      ['anthropic-beta: dropped advanced-tool-use-2025-11-20 (not accepted by Bedrock Converse)'],
    ],
    [
      'betas on a model that is not Claude',
      {},
      { ...llama, betas: ['interleaved-thinking-2025-05-14'] },
      { additionalModelRequestFields: undefined },
      ['anthropic-beta: dropped interleaved-thinking-2025-05-14 (the Bedrock model is not Claude)'],
    ],
  ])('%s', (_name, fragment, options, expected, warnings) => {
    const { value, warnings: actualWarnings } = convert(fragment, options);
    for (const [key, expectedValue] of Object.entries(expected)) {
      expect(value.body[key as keyof ConverseRequestBody], key).toEqual(expectedValue);
    }
    expect(actualWarnings).toEqual(warnings);
  });
});

describe('top-level fields refused (rules 1, 2, 7, 9)', () => {
  it.each<[string, Record<string, unknown>, ConverseConversionOptions, string, string]>([
    ['max_tokens 0', { max_tokens: 0 }, claude, 'INVALID_REQUEST', 'max_tokens: must be at least 1 on Bedrock; max_tokens 0 (cache pre-warming) is not supported'],
    ['temperature under 2026-10-21', { temperature: 0.3 }, version2026, 'INVALID_REQUEST', 'temperature: not supported with anthropic-version 2026-10-21'],
    ['top_p under 2026-10-21', { top_p: 0.3 }, version2026, 'INVALID_REQUEST', 'top_p: not supported with anthropic-version 2026-10-21'],
    ['top_k under 2026-10-21', { top_k: 3 }, version2026, 'INVALID_REQUEST', 'top_k: not supported with anthropic-version 2026-10-21'],
    ['top_k on a model that is not Claude', { top_k: 3 }, llama, 'UNSUPPORTED_FEATURE', 'top_k: top_k is only supported for Claude models on Bedrock Converse'],
    ['an empty stop sequence', { stop_sequences: ['END', ''] }, claude, 'INVALID_REQUEST', 'stop_sequences.1: empty stop sequences are not allowed on Bedrock'],
    [
      'citations on system text',
      { system: [{ type: 'text', text: 'x', citations: [{ type: 'char_location', cited_text: 'x', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1 }] }] },
      claude,
      'UNSUPPORTED_FEATURE',
      'system.0.citations: citations on system text are not supported through Bedrock',
    ],
    ['thinking on a model that is not Claude', { thinking: { type: 'adaptive' } }, llama, 'UNSUPPORTED_FEATURE', 'thinking: extended thinking is only supported for Claude models on Bedrock'],
    ['speed fast', { speed: 'fast' }, claude, 'UNSUPPORTED_FEATURE', 'speed: speed "fast" is not available through Bedrock'],
    ['container', { container: 'container_1' }, claude, 'UNSUPPORTED_FEATURE', 'container: containers (code execution and skills) are not supported through Bedrock'],
    [
      'mcp_servers',
      { mcp_servers: [{ type: 'url', name: 'docs', url: 'https://example.com/mcp' }] },
      claude,
      'UNSUPPORTED_FEATURE',
      'mcp_servers: MCP servers are not supported through Bedrock Converse; connect MCP tools on the client side',
    ],
    ['inference_geo', { inference_geo: 'us' }, claude, 'UNSUPPORTED_FEATURE', "inference_geo: inference_geo is not supported; the proxy's model mapping chooses the Bedrock inference profile"],
    [
      'a context-management edit that changes the prompt',
      { context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] } },
      claude,
      'UNSUPPORTED_FEATURE',
      'context_management.edits.0: context management edit "clear_tool_uses_20250919" is not supported through Bedrock',
    ],
    [
      'clear_thinking that keeps fewer turns',
      { context_management: { edits: [{ type: 'clear_thinking_20251015', keep: { type: 'thinking_turns', value: 1 } }] } },
      claude,
      'UNSUPPORTED_FEATURE',
      'context_management.edits.0: context management edit "clear_thinking_20251015" is not supported through Bedrock unless it keeps "all" thinking',
    ],
  ])('%s', (_name, fragment, options, code, message) => {
    expect(conversionError(fragment, options)).toEqual({ code, message });
  });
});

describe('feature flags are checked before anything else (rule 11)', () => {
  const toolsOff = { ...claude, features: { ...claude.features, toolUse: false } };
  const thinkingOff = { ...claude, features: { ...claude.features, extendedThinking: false } };
  const documentsOff = { ...claude, features: { ...claude.features, documents: false } };
  const cachingOff = { ...claude, features: { ...claude.features, promptCaching: false } };
  const tool = { name: 'get_weather', input_schema: { type: 'object' } };
  const pdf = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } };

  it.each<[string, Record<string, unknown>, ConverseConversionOptions, string]>([
    ['tools', { tools: [tool], max_tokens: 0 }, toolsOff, 'tools: tool use is disabled on this proxy (ENABLE_TOOL_USE=false)'],
    ['tool_choice', { tool_choice: { type: 'auto' } }, toolsOff, 'tool_choice: tool use is disabled on this proxy (ENABLE_TOOL_USE=false)'],
    [
      'a tool_result in history',
      { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] }] },
      toolsOff,
      'messages.0.content.0: tool use is disabled on this proxy (ENABLE_TOOL_USE=false)',
    ],
    ['thinking enabled', { thinking: { type: 'enabled', budget_tokens: 2000 } }, thinkingOff, 'thinking: extended thinking is disabled on this proxy (ENABLE_EXTENDED_THINKING=false)'],
    ['thinking adaptive', { thinking: { type: 'adaptive' } }, thinkingOff, 'thinking: extended thinking is disabled on this proxy (ENABLE_EXTENDED_THINKING=false)'],
    ['a document', { messages: [{ role: 'user', content: [pdf, { type: 'text', text: 'Sum up' }] }] }, documentsOff, 'messages.0.content.0: document support is disabled on this proxy (ENABLE_DOCUMENT_SUPPORT=false)'],
    [
      'a document inside a tool result',
      { tools: [tool], messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: [pdf] }] }] },
      documentsOff,
      'messages.0.content.0.content.0: document support is disabled on this proxy (ENABLE_DOCUMENT_SUPPORT=false)',
    ],
    ['a system cache_control', { system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }] }, cachingOff, 'system.0.cache_control: prompt caching is disabled on this proxy (PROMPT_CACHING_ENABLED=false)'],
    ['a top-level cache_control', { cache_control: { type: 'ephemeral' } }, cachingOff, 'cache_control: prompt caching is disabled on this proxy (PROMPT_CACHING_ENABLED=false)'],
  ])('%s', (_name, fragment, options, message) => {
    expect(conversionError(fragment, options)).toEqual({ code: 'FEATURE_DISABLED', message });
  });

  it('lets thinking "disabled" through when extended thinking is off', () => {
    expect(convert({ thinking: { type: 'disabled' } }, thinkingOff).value.body.additionalModelRequestFields).toEqual({ thinking: { type: 'disabled' } });
  });
});
