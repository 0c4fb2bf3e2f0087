import { describe, expect, it } from 'vitest';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import { checkRequestShape } from '../../src/simulator/validation/check-request-shape.js';
import { coralPath } from '../../src/simulator/validation/coral-path.js';
import { documentNameLengthConstraint } from '../../src/simulator/validation/document-name-length-constraint.js';
import { enumConstraints } from '../../src/simulator/validation/enum-constraints.js';
import { formatConstraintViolations } from '../../src/simulator/validation/format-constraint-violations.js';
import { inferenceConfigConstraints } from '../../src/simulator/validation/inference-config-constraints.js';
import { messageRoleConstraint } from '../../src/simulator/validation/message-role-constraint.js';
import { toolBlockConstraints } from '../../src/simulator/validation/tool-block-constraints.js';
import { toolConfigConstraints } from '../../src/simulator/validation/tool-config-constraints.js';
import { validateConverseRequest } from '../../src/simulator/validation/validate-converse-request.js';
import type { ConstraintRule, ConstraintViolation } from '../../src/simulator/validation/validation-types.js';
import { readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

const claude = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const hello = [{ role: 'user' as const, content: [{ text: 'hello' }] }];
const schema = { json: { type: 'object' } };

function violations(rule: ConstraintRule, body: ConverseRequestBody): ConstraintViolation[] {
  return rule({ body, modelId: claude });
}

describe('coralPath', () => {
  it.each([
    [['toolConfig', 'tools', 0, 'toolSpec', 'name'], 'toolConfig.tools.1.member.toolSpec.name'],
    [['messages', 2, 'content', 1, 'toolUse', 'name'], 'messages.3.member.content.2.member.toolUse.name'],
    [['inferenceConfig', 'maxTokens'], 'inferenceConfig.maxTokens'],
  ])('formats %j as %s', (segments, expected) => {
    expect(coralPath(segments)).toBe(expected);
  });
});

describe('formatConstraintViolations', () => {
  it.each([
    [
      [{ path: 'a', constraint: 'Member must not be null', value: null }],
      "1 validation error detected: Value null at 'a' failed to satisfy constraint: Member must not be null",
    ],
    [
      [
        { path: 'inferenceConfig.maxTokens', constraint: 'Member must have value greater than or equal to 1', value: 0 },
        { path: 'b', constraint: 'Member must have length less than or equal to 64' },
      ],
      "2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value at 'b' failed to satisfy constraint: Member must have length less than or equal to 64",
    ],
  ])('formats %j', (input, expected) => {
    expect(formatConstraintViolations(input)).toBe(expected);
  });
});

describe('checkRequestShape', () => {
  it.each([
    ['a minimal request', { messages: hello }],
    ['a full request', {
      messages: hello,
      system: [{ text: 's' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      inferenceConfig: { maxTokens: 10, temperature: 0.5, topP: 1, stopSequences: ['x'] },
      toolConfig: { tools: [{ toolSpec: { name: 'a', inputSchema: schema, description: 'd', strict: true } }], toolChoice: { tool: { name: 'a' } } },
      additionalModelRequestFields: { anything: [1, { nested: true }] },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
      requestMetadata: { user: 'u1' },
    }],
  ])('accepts %s', (_name, body) => {
    expect(checkRequestShape(body)).toEqual({ violations: [] });
  });

  it.each([
    ['an unknown top-level key', { messages: hello, modelId: 'x' }, 'Malformed input request: extraneous key [modelId] is not permitted, please reformat your input and try again.'],
    [
      'a tool extra such as defer_loading',
      { messages: hello, toolConfig: { tools: [{ toolSpec: { name: 'a', inputSchema: schema, defer_loading: true } }] } },
      'Malformed input request: extraneous key [defer_loading] is not permitted, please reformat your input and try again.',
    ],
    [
      'an Anthropic-style content block',
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      'Malformed input request: extraneous key [type] is not permitted, please reformat your input and try again.',
    ],
    [
      'a content block setting two members',
      { messages: [{ role: 'user', content: [{ text: 'hi', cachePoint: { type: 'default' } }] }] },
      'Malformed input request: the union at messages.0.content.0 must set exactly one member (found 2), please reformat your input and try again.',
    ],
    ['a string where a list belongs', { messages: 'hi' }, 'Malformed input request: expected a list at messages, please reformat your input and try again.'],
    [
      'a fractional maxTokens',
      { messages: hello, inferenceConfig: { maxTokens: 1.5 } },
      'Malformed input request: expected an integer at inferenceConfig.maxTokens, please reformat your input and try again.',
    ],
    ['a body that is not an object', [1, 2], 'Malformed input request: expected an object at the request body, please reformat your input and try again.'],
  ])('refuses %s', (_name, body, expected) => {
    expect(checkRequestShape(body).malformed).toBe(expected);
  });

  it('reports missing required members as Coral violations', () => {
    expect(checkRequestShape({ messages: [{ content: [{ toolUse: { name: 'a', input: {} } }] }] }).violations).toEqual([
      { path: 'messages.1.member.content.1.member.toolUse.toolUseId', constraint: 'Member must not be null', value: null },
      { path: 'messages.1.member.role', constraint: 'Member must not be null', value: null },
    ]);
  });
});

describe('Coral constraint rules', () => {
  it.each([
    ['user and assistant roles', { messages: hello }, []],
    [
      'a system role inside messages',
      { messages: [...hello, { role: 'system', content: [{ text: 'x' }] }] } as unknown as ConverseRequestBody,
      [{ path: 'messages.2.member.role', constraint: 'Member must satisfy enum value set: [user, assistant]', value: 'system' }],
    ],
  ])('messageRoleConstraint: %s', (_name, body, expected) => {
    expect(violations(messageRoleConstraint, body)).toEqual(expected);
  });

  it.each([
    ['values in range', { maxTokens: 1, temperature: 0, topP: 1, stopSequences: ['END'] }, []],
    ['maxTokens 0', { maxTokens: 0 }, [{ path: 'inferenceConfig.maxTokens', constraint: 'Member must have value greater than or equal to 1', value: 0 }]],
    ['temperature above 1', { temperature: 1.5 }, [{ path: 'inferenceConfig.temperature', constraint: 'Member must have value less than or equal to 1', value: 1.5 }]],
    ['topP below 0', { topP: -0.1 }, [{ path: 'inferenceConfig.topP', constraint: 'Member must have value greater than or equal to 0', value: -0.1 }]],
    [
      'an empty stop sequence',
      { stopSequences: ['END', ''] },
      [{ path: 'inferenceConfig.stopSequences', constraint: 'Member must satisfy constraint: [Member must have length greater than or equal to 1]' }],
    ],
  ])('inferenceConfigConstraints: %s', (_name, inferenceConfig, expected) => {
    expect(violations(inferenceConfigConstraints, { inferenceConfig })).toEqual(expected);
  });

  const toolNamed = (name: string): ConverseRequestBody => ({ toolConfig: { tools: [{ toolSpec: { name, inputSchema: schema } }] } });
  it.each([
    ['a valid name of 64 characters', toolNamed('a'.repeat(64)), []],
    ['an empty tool list', { toolConfig: { tools: [] } }, [{ path: 'toolConfig.tools', constraint: 'Member must have length greater than or equal to 1' }]],
    [
      'a name with a dot',
      toolNamed('mcp.read'),
      [{ path: 'toolConfig.tools.1.member.toolSpec.name', constraint: 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+' }],
    ],
    [
      'a name of 65 characters',
      toolNamed('a'.repeat(65)),
      [{ path: 'toolConfig.tools.1.member.toolSpec.name', constraint: 'Member must have length less than or equal to 64' }],
    ],
  ])('toolConfigConstraints: %s', (_name, body, expected) => {
    expect(violations(toolConfigConstraints, body)).toEqual(expected);
  });

  it.each([
    ['valid names and ids', 'read_file', 'tooluse_abc.1:2-3', []],
    [
      'a replayed name like $READFILE (recorded path)',
      '$READFILE',
      'tooluse_1',
      [{ path: 'messages.2.member.content.1.member.toolUse.name', constraint: 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+' }],
    ],
    [
      'an id with a slash and an id over 64',
      'read',
      `a/${'b'.repeat(63)}`,
      [
        { path: 'messages.2.member.content.1.member.toolUse.toolUseId', constraint: 'Member must have length less than or equal to 64' },
        { path: 'messages.2.member.content.1.member.toolUse.toolUseId', constraint: 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+' },
        { path: 'messages.3.member.content.1.member.toolResult.toolUseId', constraint: 'Member must have length less than or equal to 64' },
        { path: 'messages.3.member.content.1.member.toolResult.toolUseId', constraint: 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+' },
      ],
    ],
  ])('toolBlockConstraints: %s', (_name, toolName, toolUseId, expected) => {
    const body: ConverseRequestBody = {
      messages: [
        ...hello,
        { role: 'assistant', content: [{ toolUse: { toolUseId, name: toolName, input: {} } }] },
        { role: 'user', content: [{ toolResult: { toolUseId, content: [{ text: 'ok' }] } }] },
      ],
    };
    expect(violations(toolBlockConstraints, body)).toEqual(expected);
  });

  const documentNamed = (name: string): ConverseRequestBody => ({
    messages: [...hello, { role: 'assistant', content: [{ text: 'a' }] }, { role: 'user', content: [{ text: 'q' }, { document: { format: 'txt', name, source: { text: 'x' } } }] }],
  });
  it.each([
    ['200 characters', 'a'.repeat(200), []],
    ['201 characters (recorded)', 'a'.repeat(201), [{ path: 'messages.3.member.content.2.member.document.name', constraint: 'Member must have length less than or equal to 200' }]],
    ['an empty name (recorded)', '', [{ path: 'messages.3.member.content.2.member.document.name', constraint: 'Member must have length greater than or equal to 1' }]],
  ])('documentNameLengthConstraint: %s', (_name, name, expected) => {
    expect(violations(documentNameLengthConstraint, documentNamed(name))).toEqual(expected);
  });
});

describe('enumConstraints', () => {
  it.each([
    [
      'valid members',
      {
        system: [{ text: 's' }, { cachePoint: { type: 'default', ttl: '1h' } }],
        messages: [{ role: 'user', content: [{ image: { format: 'jpeg', source: { bytes: 'AA==' } } }, { toolResult: { toolUseId: 't', content: [{ text: 'x' }], status: 'error' } }] }],
      },
      [],
    ],
    [
      'an Anthropic cache_control type and a jpg format',
      {
        toolConfig: { tools: [{ cachePoint: { type: 'ephemeral' } }] },
        messages: [{ role: 'user', content: [{ text: 'q' }, { image: { format: 'jpg', source: { bytes: 'AA==' } } }] }],
      },
      [
        { path: 'toolConfig.tools.1.member.cachePoint.type', constraint: 'Member must satisfy enum value set: [default]', value: 'ephemeral' },
        { path: 'messages.1.member.content.2.member.image.format', constraint: 'Member must satisfy enum value set: [png, jpeg, gif, webp]', value: 'jpg' },
      ],
    ],
    [
      'a cache ttl and a tool result status outside their sets',
      {
        messages: [{ role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'x' }], status: 'failed' } }, { cachePoint: { type: 'default', ttl: '10m' } }] }],
      },
      [
        { path: 'messages.1.member.content.1.member.toolResult.status', constraint: 'Member must satisfy enum value set: [success, error]', value: 'failed' },
        { path: 'messages.1.member.content.2.member.cachePoint.ttl', constraint: 'Member must satisfy enum value set: [5m, 1h]', value: '10m' },
      ],
    ],
  ])('%s', (_name, body, expected) => {
    expect(violations(enumConstraints, body as ConverseRequestBody)).toEqual(expected);
  });
});

describe('validateConverseRequest', () => {
  it('passes a valid request through unchanged', () => {
    const body = { messages: hello };
    expect(validateConverseRequest(body, claude)).toEqual({ ok: true, body });
  });

  it('reports all Coral violations together, before semantic rules', () => {
    const body = { messages: [{ role: 'assistant', content: [] }], inferenceConfig: { maxTokens: 0, temperature: 2 } };
    expect(validateConverseRequest(body, claude)).toEqual({
      ok: false,
      message:
        "2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '2' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
    });
  });

  it('runs the semantic rules in order once the structure is sound', () => {
    expect(validateConverseRequest({ messages: [...hello, ...hello] }, claude)).toEqual({
      ok: false,
      message:
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
    });
  });
});

describe.skipIf(!sharedAvailable)('validation messages match the recorded Bedrock errors', () => {
  const message = (file: string): string => {
    const recorded = readSharedJson<{ message?: string; body?: { message: string } }>(`bedrock-recorded/${file}`);
    return recorded.message ?? recorded.body?.message ?? '';
  };
  const toolConfig = { tools: [{ toolSpec: { name: 'lookup', inputSchema: schema } }] };

  it.each([
    ['amazon-bedrock-empty-message-validation-error.json', { messages: [...hello, { role: 'assistant', content: [] }, ...hello] }],
    ['amazon-bedrock-cache-point-only-assistant-error.json', { messages: [...hello, { role: 'assistant', content: [{ cachePoint: { type: 'default' } }] }, ...hello] }],
    [
      'bedrock-invalid-tool-name-validation-error.json',
      {
        toolConfig,
        messages: [
          ...hello,
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: '$READFILE', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }] },
        ],
      },
    ],
    [
      'issue-17267-tool-choice-conflict.json',
      {
        messages: hello,
        toolConfig: { ...toolConfig, toolChoice: { auto: {} } },
        additionalModelRequestFields: { tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
      },
    ],
  ])('%s', (file, body) => {
    expect(validateConverseRequest(body, claude)).toEqual({ ok: false, message: message(file) });
  });

  it('amazon-bedrock-mistral-duplicate-tool-call-ids-error.json (same wording, at the assistant turn)', () => {
    const duplicate = { toolUse: { toolUseId: 'tooluseAc', name: 'lookup', input: {} } };
    const body = { toolConfig, messages: [...hello, { role: 'assistant', content: [duplicate, duplicate] }] };
    const expected = message('amazon-bedrock-mistral-duplicate-tool-call-ids-error.json').replace('messages.2', 'messages.1');
    expect(validateConverseRequest(body, claude)).toEqual({ ok: false, message: expected });
  });

  it('amazon-bedrock-invalid-document-filenames.json', () => {
    const recorded = readSharedJson<{
      responses: {
        characterSet: { documentNames: string[]; body: { message: string } };
        maximumLength: { body: { message: string } };
        minimumLength: { body: { message: string } };
      };
    }>('bedrock-recorded/amazon-bedrock-invalid-document-filenames.json').responses;
    // Coral counts from 1: the recorded path is the second block of the first message.
    const withName = (name: string): unknown => ({
      messages: [{ role: 'user', content: [{ text: 'read' }, { document: { format: 'txt', name, source: { text: 'x' } } }] }],
    });
    for (const name of recorded.characterSet.documentNames) {
      expect(validateConverseRequest(withName(name), claude)).toEqual({ ok: false, message: recorded.characterSet.body.message });
    }
    expect(validateConverseRequest(withName('a'.repeat(201)), claude)).toEqual({ ok: false, message: recorded.maximumLength.body.message });
    expect(validateConverseRequest(withName(''), claude)).toEqual({ ok: false, message: recorded.minimumLength.body.message });
  });
});
