import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import { convertRequestToConverse, type ConverseConversionOptions } from '../../src/convert/convert-request-to-converse.js';

/**
 * Whole requests: `test/fixtures/convert/<name>.anthropic.json` holds the options and the request
 * (inline, or `requestFrom` a recorded Claude Code body); `<name>.converse.json` holds the expected
 * Converse body and warnings.
 */
const fixtures = new URL('../fixtures/', import.meta.url);
const allFeatures = { toolUse: true, extendedThinking: true, documents: true, promptCaching: true };

interface AnthropicFixture {
  description: string;
  options: Omit<ConverseConversionOptions, 'features'>;
  request?: unknown;
  requestFrom?: string;
}

interface ConverseFixture {
  body: ConverseRequestBody;
  warnings: string[];
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, fixtures), 'utf8')) as T;
}

const names = readdirSync(new URL('convert/', fixtures))
  .filter((file) => file.endsWith('.anthropic.json'))
  .map((file) => file.replace('.anthropic.json', ''))
  .sort();

function countCachePoints(body: ConverseRequestBody): number {
  const items = [...(body.system ?? []), ...(body.toolConfig?.tools ?? []), ...(body.messages ?? []).flatMap((message) => message.content ?? [])];
  return items.filter((item) => 'cachePoint' in item).length;
}

describe('request fixture pairs', () => {
  it('has the expected fixtures', () => {
    expect(names).toEqual([
      'claude-code-01-say-hi',
      'claude-code-02-tool-use-second-turn',
      'claude-code-03-sonnet-4-5-budget-thinking',
      'nova-cached-tools',
      'sdk-0-vision-document',
      'sdk-1-weather-tools',
    ]);
  });

  it.each(names)('%s', (name) => {
    const input = readJson<AnthropicFixture>(`convert/${name}.anthropic.json`);
    const expected = readJson<ConverseFixture>(`convert/${name}.converse.json`);
    const request = input.request ?? readJson<{ body: unknown }>(input.requestFrom ?? '').body;
    const result = convertRequestToConverse(parseMessagesRequest(request), { ...input.options, features: allFeatures });
    expect(result.value.body).toEqual(expected.body);
    expect(result.warnings).toEqual(expected.warnings);
    expect(countCachePoints(result.value.body)).toBeLessThanOrEqual(4);
  });
});

describe('Claude Code requests', () => {
  const convertClaudeCode = (name: string) => {
    const input = readJson<AnthropicFixture>(`convert/claude-code-${name}.anthropic.json`);
    const request = parseMessagesRequest(readJson<{ body: unknown }>(input.requestFrom ?? '').body);
    return convertRequestToConverse(request, { ...input.options, features: allFeatures });
  };

  it('merges the mid-conversation system message into the user turn, cache point included', () => {
    const content = convertClaudeCode('01-say-hi').value.body.messages?.[0]?.content ?? [];
    expect(content.map((block) => Object.keys(block)[0])).toEqual(['text', 'text', 'text', 'cachePoint']);
    expect(content[1]).toEqual({ text: 'say hi' });
  });

  it('answers the tool call of the second turn with the result first and a cache point after it', () => {
    const messages = convertClaudeCode('02-tool-use-second-turn').value.body.messages ?? [];
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[2]?.content).toEqual([
      { toolResult: { toolUseId: 'toolu_fake_2', content: [{ text: '1\tThe secret word is PINEAPPLE-42.\n2\t' }] } },
      { cachePoint: { type: 'default' } },
    ]);
  });

  it('passes budget thinking verbatim and drops the equivalent context_management', () => {
    const { value } = convertClaudeCode('03-sonnet-4-5-budget-thinking');
    expect(value.body.additionalModelRequestFields).toEqual({
      thinking: { budget_tokens: 31999, type: 'enabled', display: 'omitted' },
      anthropic_beta: ['interleaved-thinking-2025-05-14'],
    });
  });
});
