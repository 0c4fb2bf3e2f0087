import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const minimal = { model: 'claude-sonnet-4-6', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] };

function readClaudeCodeBody(name: string): unknown {
  const fixture = JSON.parse(readFileSync(new URL(`../fixtures/claude-code/${name}.json`, import.meta.url), 'utf8')) as { body: unknown };
  return fixture.body;
}

function parseError(body: unknown): { code: string; message: string } {
  return proxyErrorOf(() => parseMessagesRequest(body));
}

/** What @anthropic-ai/sdk 1.x (anthropic-version 2026-10-21) typically sends. */
const currentSdkRequest = {
  model: 'claude-opus-4-7',
  max_tokens: 2048,
  system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Use the tool.', signature: 'c2ln' },
        { type: 'text', text: 'Checking.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' }, caller: { type: 'direct' }, toolset_name: null },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '12 C' }], is_error: false }] },
  ],
  tools: [
    {
      type: 'custom',
      name: 'get_weather',
      description: 'Weather by city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      strict: true,
      cache_control: { type: 'ephemeral' },
    },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
  ],
  tool_choice: { type: 'auto', disable_parallel_tool_use: true },
  thinking: { type: 'adaptive', display: 'summarized' },
  output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } },
  metadata: { user_id: 'user-42' },
  service_tier: 'standard_only',
  speed: 'standard',
  inference_geo: null,
  container: null,
  diagnostics: { previous_message_id: null },
  cache_control: { type: 'ephemeral' },
  stream: true,
};

/** What the 0.x SDK line (anthropic-version 2023-06-01) typically sends. */
const legacySdkRequest = {
  model: 'claude-3-7-sonnet-20250219',
  max_tokens: 512,
  system: 'You are terse.',
  temperature: 0.2,
  top_p: 0.9,
  top_k: 40,
  stop_sequences: ['END'],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'Q3', citations: { enabled: true } },
        { type: 'text', text: 'Summarise.' },
      ],
    },
  ],
  tool_choice: { type: 'none' },
};

describe('parseMessagesRequest accepts', () => {
  it.each([
    ['a minimal request', minimal],
    ['a typical current-SDK request with echoed response blocks', currentSdkRequest],
    ['a typical 0.x SDK request with sampling parameters', legacySdkRequest],
    ['Claude Code: say hi (system message with output_config, defer_loading tool)', readClaudeCodeBody('01-say-hi')],
    ['Claude Code: second turn after a tool call', readClaudeCodeBody('02-tool-use-second-turn')],
    ['Claude Code: budget thinking with display', readClaudeCodeBody('03-sonnet-4-5-budget-thinking')],
  ])('%s', (_name, body) => {
    const parsed = parseMessagesRequest(body);
    expect(parsed).toEqual(body);
  });

  it('keeps block types Bedrock cannot carry so the converter can name them', () => {
    const body = { ...minimal, messages: [{ role: 'assistant', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }] }] };
    expect(parseMessagesRequest(body).messages[0]?.content).toEqual([{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }]);
  });
});

describe.skipIf(!sharedAvailable)('parseMessagesRequest on the full recorded Claude Code bodies', () => {
  it.each(['01-say-hi', '02-tool-use-second-turn', '03-sonnet-4-5-budget-thinking'])('%s', (name) => {
    const body = readSharedJson<{ body: unknown }>(`claude-code/${name}.json`).body;
    expect(parseMessagesRequest(body)).toEqual(body);
  });
});

describe('parseMessagesRequest refuses', () => {
  const withMessages = (messages: unknown): unknown => ({ ...minimal, messages });
  it.each([
    ['an unknown top-level key', { ...minimal, foo: 1 }, 'foo: Extra inputs are not permitted'],
    ['an unknown key in a block', withMessages([{ role: 'user', content: [{ type: 'text', text: 'x', extra: true }] }]), 'messages.0.content.0.extra: Extra inputs are not permitted'],
    ['an unknown key in a tool', { ...minimal, tools: [{ name: 'a', input_schema: { type: 'object' }, foo: 1 }] }, 'tools.0.foo: Extra inputs are not permitted'],
    ['a missing max_tokens', { model: 'm', messages: minimal.messages }, 'max_tokens: Field required'],
    ['a missing block field', withMessages([{ role: 'user', content: [{ type: 'text' }] }]), 'messages.0.content.0.text: Field required'],
    ['a non-integer max_tokens', { ...minimal, max_tokens: 1.5 }, 'max_tokens: Input should be a valid integer'],
    ['a negative max_tokens', { ...minimal, max_tokens: -1 }, 'max_tokens: Input should be greater than or equal to 0'],
    ['a temperature above 1', { ...minimal, temperature: 1.5 }, 'temperature: Input should be less than or equal to 1'],
    ['no messages', { ...minimal, messages: [] }, 'messages: List should have at least 1 item'],
    ['content of the wrong type', withMessages([{ role: 'user', content: 5 }]), 'messages.0.content: Input should be a valid string or a valid list'],
    ['an unknown role', withMessages([{ role: 'bot', content: 'x' }]), "messages.0: Input tag 'bot' found using 'role' does not match any of the expected tags: 'user', 'assistant', 'system'"],
    [
      'an unsupported image media type',
      withMessages([{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: '' } }] }]),
      "messages.0.content.0.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
    ],
    ['a block without a type', withMessages([{ role: 'user', content: [{ text: 'x' }] }]), "messages.0.content.0: Unable to extract tag using discriminator 'type'"],
    ['a tool_use without input', withMessages([{ role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'b' }] }]), 'messages.0.content.0.input: Field required'],
    ['a body that is not an object', 'hello', 'Input should be a valid dictionary'],
  ])('%s', (_name, body, message) => {
    expect(parseError(body)).toEqual({ code: 'INVALID_REQUEST', message });
  });

  it('an unknown block type, listing the valid types', () => {
    const { message } = parseError(withMessages([{ role: 'user', content: [{ type: 'imagee' }] }]));
    expect(message).toBe(
      "messages.0.content.0: Input tag 'imagee' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'search_result', 'thinking', 'redacted_thinking', 'tool_use', 'tool_result', 'server_tool_use', 'web_search_tool_result', 'web_fetch_tool_result', 'advisor_tool_result', 'code_execution_tool_result', 'bash_code_execution_tool_result', 'text_editor_code_execution_tool_result', 'tool_search_tool_result', 'container_upload', 'mcp_tool_use', 'mcp_tool_result', 'mcp_tool_listing', 'tool_reference', 'browser_state', 'compaction', 'tool_addition', 'tool_removal', 'fallback'",
    );
  });

  it('an unknown tool type, listing the valid ones', () => {
    const { message } = parseError({ ...minimal, tools: [{ type: 'web_search_29990101', name: 'web_search' }] });
    expect(message.startsWith("tools.0: Input tag 'web_search_29990101' found using 'type' does not match any of the expected tags: 'custom', 'bash_20241022',")).toBe(true);
    expect(message.endsWith("'advisor_20260301', 'mcp_toolset'")).toBe(true);
  });
});
