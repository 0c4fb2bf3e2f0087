import { describe, expect, it } from 'vitest';
import type { NativeRequestBody } from '../../src/simulator/native/native-request.js';
import { acceptedBetas } from '../../src/simulator/validation/invoke/accepted-betas.js';
import { betaFlags } from '../../src/simulator/validation/invoke/beta-flags.js';
import { cacheControlLimit } from '../../src/simulator/validation/invoke/cache-control-limit.js';
import { checkCacheControl } from '../../src/simulator/validation/invoke/check-cache-control.js';
import { contentNotEmpty } from '../../src/simulator/validation/invoke/content-not-empty.js';
import { contextManagement } from '../../src/simulator/validation/invoke/context-management.js';
import { firstMessageUser } from '../../src/simulator/validation/invoke/first-message-user.js';
import type { InvokeRule, InvokeShapeRule } from '../../src/simulator/validation/invoke/invoke-rule-types.js';
import { messageShapes } from '../../src/simulator/validation/invoke/message-shapes.js';
import { nativeTextNotBlank } from '../../src/simulator/validation/invoke/native-text-not-blank.js';
import { requiredFields } from '../../src/simulator/validation/invoke/required-fields.js';
import { samplingFields } from '../../src/simulator/validation/invoke/sampling-fields.js';
import { systemShape } from '../../src/simulator/validation/invoke/system-shape.js';
import { thinkingConfig } from '../../src/simulator/validation/invoke/thinking-config.js';
import { toolChoice } from '../../src/simulator/validation/invoke/tool-choice.js';
import { toolDefinitions } from '../../src/simulator/validation/invoke/tool-definitions.js';
import { toolResultsFollowToolUses } from '../../src/simulator/validation/invoke/tool-results-follow-tool-uses.js';
import { toolsRequired } from '../../src/simulator/validation/invoke/tools-required.js';
import { topLevelKeys } from '../../src/simulator/validation/invoke/top-level-keys.js';
import { validateInvokeBody } from '../../src/simulator/validation/invoke/validate-invoke-body.js';
import { readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

type Body = Record<string, unknown>;
type Case = [description: string, extra: Body, expected: string | undefined];

const base: Body = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 2048, messages: [{ role: 'user', content: 'hi' }] };
const body = (extra: Body): Body => ({ ...base, ...extra });
const user = (...content: Body[]): Body => ({ role: 'user', content });
const assistant = (...content: Body[]): Body => ({ role: 'assistant', content });
const text = (value: string, extra: Body = {}): Body => ({ type: 'text', text: value, ...extra });
const toolUse = (id: string): Body => ({ type: 'tool_use', id, name: 'lookup', input: {} });
const toolResult = (id: string, extra: Body = {}): Body => ({ type: 'tool_result', tool_use_id: id, content: 'ok', ...extra });
const tool: Body = { name: 'lookup', description: 'Looks up', input_schema: { type: 'object' } };
const ephemeral = { type: 'ephemeral' };
const extraInput = (path: string): string => `${path}: Extra inputs are not permitted`;

function checkShape(rule: InvokeShapeRule, cases: Case[]): void {
  it.each(cases)('%s', (_description, extra, expected) => {
    expect(rule(body(extra))).toBe(expected);
  });
}

function checkRule(rule: InvokeRule, cases: Case[]): void {
  it.each(cases)('%s', (_description, extra, expected) => {
    expect(rule(body(extra) as NativeRequestBody)).toBe(expected);
  });
}

describe('topLevelKeys', () => {
  checkShape(topLevelKeys, [
    [
      'every key Bedrock permits passes',
      {
        anthropic_beta: [],
        system: 's',
        stop_sequences: [],
        temperature: 1,
        top_p: 1,
        top_k: 5,
        tools: [],
        tool_choice: { type: 'auto' },
        thinking: { type: 'disabled' },
        metadata: {},
        output_config: {},
        context_management: {},
      },
      undefined,
    ],
    ['model is refused', { model: 'claude-sonnet-4-5' }, extraInput('model')],
    ['stream is refused', { stream: true }, extraInput('stream')],
    ['an unknown key is refused', { container: 'c' }, extraInput('container')],
  ]);
});

describe('requiredFields', () => {
  checkShape(requiredFields, [
    ['a complete body passes', {}, undefined],
    ['anthropic_version is required', { anthropic_version: undefined }, 'anthropic_version: Field required'],
    ['another anthropic_version is refused', { anthropic_version: '2023-06-01' }, "anthropic_version: Input should be 'bedrock-2023-05-31'"],
    ['max_tokens is required', { max_tokens: undefined }, 'max_tokens: Field required'],
    ['max_tokens is an integer', { max_tokens: 1.5 }, 'max_tokens: Input should be a valid integer'],
    ['max_tokens is at least 1', { max_tokens: 0 }, 'max_tokens: Input should be greater than or equal to 1'],
    ['messages is required', { messages: undefined }, 'messages: Field required'],
    ['messages is a list', { messages: {} }, 'messages: Input should be a valid list'],
    ['messages is not empty', { messages: [] }, 'messages: at least one message is required'],
  ]);
});

describe('betaFlags', () => {
  checkShape(betaFlags, [
    ['no betas pass', {}, undefined],
    ['every accepted beta passes', { anthropic_beta: [...acceptedBetas] }, undefined],
    ['a string is not a list', { anthropic_beta: 'context-1m-2025-08-07' }, 'anthropic_beta: Input should be a valid list'],
    ['flags are strings', { anthropic_beta: [1] }, 'anthropic_beta.0: Input should be a valid string'],
    ['claude-code is refused', { anthropic_beta: ['interleaved-thinking-2025-05-14', 'claude-code-20250219'] }, 'invalid beta flag: claude-code-20250219'],
    ['prompt caching is refused', { anthropic_beta: ['prompt-caching-2024-07-31'] }, 'invalid beta flag: prompt-caching-2024-07-31'],
    ['tool search is refused', { anthropic_beta: ['tool-search-tool-2025-10-19'] }, 'invalid beta flag: tool-search-tool-2025-10-19'],
    ['advanced tool use is refused', { anthropic_beta: ['advanced-tool-use-2025-11-20'] }, 'invalid beta flag: advanced-tool-use-2025-11-20'],
    ['the files API is refused', { anthropic_beta: ['files-api-2025-04-14'] }, 'invalid beta flag: files-api-2025-04-14'],
  ]);

  it('accepts the documented Bedrock flags', () => {
    expect([...acceptedBetas]).toEqual(
      expect.arrayContaining([
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
      ]),
    );
  });
});

describe('samplingFields', () => {
  checkShape(samplingFields, [
    ['values in range pass', { temperature: 0.5, top_p: 0.9, top_k: 40, stop_sequences: ['END'], metadata: { user_id: 'u' } }, undefined],
    ['temperature above 1', { temperature: 1.5 }, 'temperature: Input should be less than or equal to 1'],
    ['top_p below 0', { top_p: -0.1 }, 'top_p: Input should be greater than or equal to 0'],
    ['temperature as a string', { temperature: '1' }, 'temperature: Input should be a valid number'],
    ['top_k is an integer', { top_k: 2.5 }, 'top_k: Input should be a valid integer'],
    ['stop_sequences is a list', { stop_sequences: 'END' }, 'stop_sequences: Input should be a valid list'],
    ['stop sequences are strings', { stop_sequences: ['END', 3] }, 'stop_sequences.1: Input should be a valid string'],
    ['metadata takes only user_id', { metadata: { user_id: 'u', session: 's' } }, extraInput('metadata.session')],
  ]);
});

describe('systemShape', () => {
  checkShape(systemShape, [
    ['a string passes', { system: 'be brief' }, undefined],
    ['text blocks with cache_control pass', { system: [text('a'), text('b', { cache_control: { type: 'ephemeral', ttl: '1h' } })] }, undefined],
    ['an object is not a list', { system: { text: 'a' } }, 'system: Input should be a valid list'],
    ['blocks are text', { system: [{ type: 'image', text: 'a' }] }, "system.0.type: Input should be 'text'"],
    ['text is required', { system: [{ type: 'text' }] }, 'system.0.text: Field required'],
    ['unknown keys are refused', { system: [text('a', { title: 't' })] }, extraInput('system.0.title')],
    ['cache_control.scope is refused', { system: [text('a', { cache_control: { type: 'ephemeral', scope: 'global' } })] }, extraInput('system.0.cache_control.ephemeral.scope')],
  ]);
});

describe('checkCacheControl', () => {
  it.each([
    ['absent', undefined, undefined],
    ['ephemeral', ephemeral, undefined],
    ['ephemeral for an hour', { type: 'ephemeral', ttl: '1h' }, undefined],
    ['not an object', 'ephemeral', 'p.cache_control: Input should be a valid dictionary'],
    ['without a type', { ttl: '5m' }, "p.cache_control: Unable to extract tag using discriminator 'type'"],
    ['another type', { type: 'persistent' }, "p.cache_control: Input tag 'persistent' found using 'type' does not match any of the expected tags: 'ephemeral'"],
    ['an unknown ttl', { type: 'ephemeral', ttl: '10m' }, "p.cache_control.ephemeral.ttl: Input should be '5m' or '1h'"],
    ['scope', { type: 'ephemeral', scope: 'global' }, extraInput('p.cache_control.ephemeral.scope')],
  ])('%s', (_description, value, expected) => {
    expect(checkCacheControl(value, 'p.cache_control')).toBe(expected);
  });
});

describe('messageShapes', () => {
  const image: Body = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } };
  const document: Body = { type: 'document', title: 'notes', source: { type: 'text', media_type: 'text/plain', data: 'body' } };
  checkShape(messageShapes, [
    [
      'every block type passes',
      {
        messages: [
          user(text('a', { cache_control: ephemeral }), image, document),
          assistant({ type: 'thinking', thinking: 't', signature: 's' }, { type: 'redacted_thinking', data: 'ZGF0YQ==' }, toolUse('toolu_1')),
          user(toolResult('toolu_1', { content: [text('r'), image], is_error: false })),
        ],
      },
      undefined,
    ],
    ['a system role is refused', { messages: [{ role: 'system', content: 'x' }] }, "messages.0.role: Input should be 'user' or 'assistant'"],
    ['role is required', { messages: [{ content: 'x' }] }, 'messages.0.role: Field required'],
    ['unknown message keys are refused', { messages: [{ role: 'user', content: 'x', name: 'n' }] }, extraInput('messages.0.name')],
    ['content is a string or a list', { messages: [{ role: 'user', content: 3 }] }, 'messages.0.content: Input should be a valid list'],
    [
      'an unknown block type is refused',
      { messages: [user({ type: 'server_tool_use', id: 'x' })] },
      "messages.0.content.0: Input tag 'server_tool_use' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking'",
    ],
    ['a block without type is refused', { messages: [user({ text: 'a' })] }, "messages.0.content.0: Unable to extract tag using discriminator 'type'"],
    ['unknown block keys name the block type', { messages: [user(text('a')), assistant({ ...toolUse('t1'), text: 'x' })] }, extraInput('messages.1.content.0.tool_use.text')],
    ['thinking takes no cache_control', { messages: [user(text('a')), assistant({ type: 'thinking', thinking: 't', signature: 's', cache_control: ephemeral })] }, extraInput('messages.1.content.0.thinking.cache_control')],
    ['text is a string', { messages: [user({ type: 'text', text: 5 })] }, 'messages.0.content.0.text.text: Input should be a valid string'],
    ['tool_use ids match Claude’s pattern', { messages: [user(text('a')), assistant(toolUse('tooluse.1'))] }, "messages.1.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'"],
    ['thinking needs its signature', { messages: [user(text('a')), assistant({ type: 'thinking', thinking: 't' })] }, 'messages.1.content.0.thinking.signature: Field required'],
    ['cache_control on a message block is checked', { messages: [user(text('a', { cache_control: { type: 'ephemeral', scope: 'x' } }))] }, extraInput('messages.0.content.0.text.cache_control.ephemeral.scope')],
    [
      'tool result content blocks are checked',
      { messages: [user(toolResult('t1', { content: [{ type: 'tool_use', id: 'x', name: 'y', input: {} }] }))] },
      "messages.0.content.0.tool_result.content.0: Input tag 'tool_use' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'search_result'",
    ],
    [
      'cache_control inside tool result content is checked',
      { messages: [user(toolResult('t1', { content: [text('r', { cache_control: { type: 'ephemeral', ttl: '2h' } })] }))] },
      "messages.0.content.0.tool_result.content.0.text.cache_control.ephemeral.ttl: Input should be '5m' or '1h'",
    ],
  ]);
});

describe('toolDefinitions', () => {
  checkShape(toolDefinitions, [
    ['custom tools with their own keys pass', { tools: [{ ...tool, type: 'custom', strict: true, cache_control: ephemeral }] }, undefined],
    ['an Anthropic client tool passes', { tools: [{ type: 'bash_20250124', name: 'bash' }] }, undefined],
    ['tools is a list', { tools: tool }, 'tools: Input should be a valid list'],
    ['defer_loading is refused', { tools: [{ ...tool, defer_loading: true }] }, extraInput('tools.0.custom.defer_loading')],
    ['input_examples is refused', { tools: [tool, { ...tool, name: 'other', input_examples: [] }] }, extraInput('tools.1.custom.input_examples')],
    ['eager_input_streaming is refused', { tools: [{ ...tool, eager_input_streaming: true }] }, extraInput('tools.0.custom.eager_input_streaming')],
    ['allowed_callers is refused', { tools: [{ ...tool, allowed_callers: ['direct'] }] }, extraInput('tools.0.custom.allowed_callers')],
    ['input_schema is required', { tools: [{ name: 'lookup' }] }, 'tools.0.custom.input_schema: Field required'],
    ['names follow the pattern', { tools: [{ ...tool, name: 'mcp:lookup' }] }, "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"],
    ['names are at most 128 characters', { tools: [{ ...tool, name: 'a'.repeat(129) }] }, "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"],
    ['names are unique', { tools: [tool, tool] }, 'tools: Tool names must be unique.'],
    ['cache_control.scope is refused', { tools: [{ ...tool, cache_control: { type: 'ephemeral', scope: 's' } }] }, extraInput('tools.0.custom.cache_control.ephemeral.scope')],
    [
      'an unknown tool type is refused',
      { tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      "tools.0: Input tag 'web_search_20250305' found using 'type' does not match any of the expected tags: 'custom', 'bash_20241022', 'bash_20250124', 'text_editor_20241022', 'text_editor_20250124', 'text_editor_20250429', 'text_editor_20250728', 'computer_20241022', 'computer_20250124', 'computer_20251124'",
    ],
  ]);
});

describe('toolChoice', () => {
  checkShape(toolChoice, [
    ['auto passes', { tool_choice: { type: 'auto', disable_parallel_tool_use: true } }, undefined],
    ['a named tool passes', { tool_choice: { type: 'tool', name: 'lookup' } }, undefined],
    ['none passes', { tool_choice: { type: 'none' } }, undefined],
    ['type is required', { tool_choice: { name: 'lookup' } }, 'tool_choice.type: Field required'],
    ['an unknown type is refused', { tool_choice: { type: 'required' } }, "tool_choice: Input tag 'required' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'"],
    ['tool needs a name', { tool_choice: { type: 'tool' } }, 'tool_choice.tool.name: Field required'],
    ['none takes nothing else', { tool_choice: { type: 'none', disable_parallel_tool_use: true } }, extraInput('tool_choice.none.disable_parallel_tool_use')],
  ]);
});

describe('thinkingConfig', () => {
  checkShape(thinkingConfig, [
    ['enabled within budget passes', { thinking: { type: 'enabled', budget_tokens: 1024 } }, undefined],
    ['adaptive with display passes', { thinking: { type: 'adaptive', display: 'omitted' } }, undefined],
    ['disabled passes', { thinking: { type: 'disabled' } }, undefined],
    ['enabled with display passes', { thinking: { type: 'enabled', budget_tokens: 2000, display: 'summarized' } }, undefined],
    ['an unknown type is refused', { thinking: { type: 'on' } }, "thinking: Input tag 'on' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'"],
    ['enabled needs a budget', { thinking: { type: 'enabled' } }, 'thinking.enabled.budget_tokens: Field required'],
    ['the budget is at least 1024', { thinking: { type: 'enabled', budget_tokens: 1023 } }, 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024'],
    [
      'the budget is below max_tokens',
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    ],
  ]);
});

describe('contextManagement', () => {
  const compact = { edits: [{ type: 'compact_20260112' }] };
  checkShape(contextManagement, [
    ['absent passes', {}, undefined],
    ['compaction with its beta passes', { context_management: compact, anthropic_beta: ['compact-2026-01-12'] }, undefined],
    ['compaction without its beta is refused', { context_management: compact }, extraInput('context_management')],
    [
      'clear_thinking is refused',
      { context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] }, anthropic_beta: ['compact-2026-01-12'] },
      extraInput('context_management'),
    ],
    ['edits must be a list', { context_management: {}, anthropic_beta: ['compact-2026-01-12'] }, extraInput('context_management')],
  ]);
});

describe('firstMessageUser', () => {
  checkRule(firstMessageUser, [
    ['a user first message passes', {}, undefined],
    ['an assistant first message is refused', { messages: [assistant(text('a')), user(text('b'))] }, 'messages: first message must use the "user" role'],
  ]);
});

describe('contentNotEmpty', () => {
  const message = (index: number): string => `messages.${index}: all messages must have non-empty content except for the optional final assistant message`;
  checkRule(contentNotEmpty, [
    ['a final empty assistant message passes', { messages: [user(text('a')), { role: 'assistant', content: '' }] }, undefined],
    ['an empty user list is refused', { messages: [{ role: 'user', content: [] }] }, message(0)],
    ['an empty string is refused', { messages: [{ role: 'user', content: '' }] }, message(0)],
    ['an empty assistant message mid-conversation is refused', { messages: [user(text('a')), assistant(), user(text('b'))] }, message(1)],
  ]);
});

describe('nativeTextNotBlank', () => {
  checkRule(nativeTextNotBlank, [
    ['text passes', { system: [text('s')], messages: [user(text('a'))] }, undefined],
    ['an empty message block is refused', { messages: [user(text(''))] }, 'messages: text content blocks must be non-empty'],
    ['a whitespace block is refused', { messages: [user(text('a'), text(' \n'))] }, 'messages: text content blocks must contain non-whitespace text'],
    ['a whitespace string is refused', { messages: [{ role: 'user', content: '   ' }] }, 'messages: text content blocks must contain non-whitespace text'],
    ['blank system text is refused', { system: [text('')] }, 'system: text content blocks must be non-empty'],
    ['blank tool result text is refused', { messages: [user(toolResult('t', { content: [text('  ')] }))] }, 'messages: text content blocks must contain non-whitespace text'],
  ]);
});

describe('cacheControlLimit', () => {
  const cached = (value: string): Body => text(value, { cache_control: ephemeral });
  checkRule(cacheControlLimit, [
    ['four blocks pass', { tools: [{ ...tool, cache_control: ephemeral }], system: [cached('s')], messages: [user(cached('a'), cached('b'))] }, undefined],
    [
      'five blocks across tools, system and tool results are refused',
      { tools: [{ ...tool, cache_control: ephemeral }], system: [cached('s')], messages: [user(cached('a'), toolResult('t', { content: [cached('r')], cache_control: ephemeral }))] },
      'A maximum of 4 blocks with cache_control may be provided. Found 5.',
    ],
  ]);
});

describe('toolsRequired', () => {
  const message = 'Requests which include `tool_use` or `tool_result` blocks must define tools.';
  checkRule(toolsRequired, [
    ['tool blocks with tools pass', { tools: [tool], messages: [user(text('a')), assistant(toolUse('t1')), user(toolResult('t1'))] }, undefined],
    ['a tool_use without tools is refused', { messages: [user(text('a')), assistant(toolUse('t1'))] }, message],
    ['a tool_result with an empty tool list is refused', { tools: [], messages: [user(toolResult('t1'))] }, message],
  ]);
});

describe('toolResultsFollowToolUses', () => {
  checkRule(toolResultsFollowToolUses, [
    ['answered tool uses pass', { messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2')), user(toolResult('t2'), toolResult('t1'), text('go on'))] }, undefined],
    ['a tool use in the last message passes', { messages: [user(text('a')), assistant(toolUse('t1'))] }, undefined],
    [
      'an unanswered tool use is refused',
      { messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2')), user(toolResult('t1'))] },
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: t2. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ],
    [
      'a result after other content does not answer',
      { messages: [user(text('a')), assistant(toolUse('t1')), user(text('first'), toolResult('t1'))] },
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: t1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
    ],
    [
      'a result without its tool use is refused',
      { messages: [user(text('a')), assistant(text('b')), user(text('c'), toolResult('t9'))] },
      'messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: t9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ],
  ]);
});

describe('validateInvokeBody', () => {
  const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

  it('passes a valid body through unchanged', () => {
    const valid = body({ messages: [user(text('a'))], anthropic_beta: ['interleaved-thinking-2025-05-14'] });
    expect(validateInvokeBody(valid, claude)).toEqual({ ok: true, body: valid });
  });

  it.each([
    ['shape rules before conversation rules', body({ model: 'x', messages: [assistant(text('a'))] }), extraInput('model')],
    ['conversation rules once the shape passes', body({ messages: [assistant(text('a'))] }), 'messages: first message must use the "user" role'],
    ['a body that is not an object', [], 'Malformed input request: the body must be a JSON object, please reformat your input and try again.'],
  ])('reports %s', (_description, value, expected) => {
    expect(validateInvokeBody(value, claude)).toEqual({ ok: false, message: expected });
  });

  it('refuses a model that is not Claude', () => {
    expect(validateInvokeBody(base, 'meta.llama3-70b-instruct-v1:0')).toEqual({
      ok: false,
      message:
        "Malformed input request: the simulator's InvokeModel speaks only the Anthropic Claude body, and meta.llama3-70b-instruct-v1:0 is not a Claude model id (anthropic.…), please reformat your input and try again.",
    });
  });
});

describe.skipIf(!sharedAvailable)('validateInvokeBody on recorded Claude Code requests', () => {
  const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const recorded = (name: string): Body => readSharedJson<{ body: Body }>(`claude-code/${name}`).body;
  /** Only what every client must change: no model or stream, Bedrock's version, no clear_thinking edits. */
  const minimal = (name: string): Body => {
    const { model: _model, stream: _stream, context_management: _management, ...rest } = recorded(name);
    return { anthropic_version: 'bedrock-2023-05-31', ...rest };
  };
  /** And what a sanitiser must also drop: system-role messages and Anthropic-only tool keys. */
  const sanitised = (name: string): Body => {
    const request = minimal(name);
    const messages = (request['messages'] as Body[]).filter((message) => message['role'] !== 'system');
    const tools = (request['tools'] as Body[]).map(({ defer_loading: _deferLoading, ...tool }) => tool);
    return { ...request, messages, tools };
  };

  it('refuses a request sent as it is', () => {
    expect(validateInvokeBody(recorded('03-sonnet-4-5-budget-thinking.json'), claude)).toEqual({ ok: false, message: extraInput('model') });
  });

  it.each([
    ['01-say-hi.json', extraInput('messages.1.output_config')],
    ['02-tool-use-second-turn.json', extraInput('messages.1.output_config')],
    ['03-sonnet-4-5-budget-thinking.json', extraInput('tools.10.custom.defer_loading')],
  ])('refuses %s with only the top level fixed', (name, message) => {
    expect(validateInvokeBody(minimal(name), claude)).toEqual({ ok: false, message });
  });

  it.each(['01-say-hi.json', '02-tool-use-second-turn.json', '03-sonnet-4-5-budget-thinking.json'])('accepts %s once sanitised', (name) => {
    expect(validateInvokeBody(sanitised(name), claude)).toEqual({ ok: true, body: sanitised(name) });
  });
});
