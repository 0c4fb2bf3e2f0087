import { describe, expect, it } from 'vitest';
import { parseMessagesRequest, type MessagesRequest } from '../../src/anthropic/request-schema.js';
import { responseCacheKey } from '../../src/cache/cache-key.js';
import { canonicalJson } from '../../src/cache/canonical-json.js';

const base: MessagesRequest = parseMessagesRequest({
  model: 'claude-sonnet-4-6',
  max_tokens: 256,
  temperature: 0,
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'What is the weather in Oslo?' }] },
  ],
  tools: [{ name: 'get_weather', description: 'Weather now', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
});

const key = (request: MessagesRequest, betas: readonly string[] = []) => responseCacheKey(request, betas);

/** The same request written with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([name, member]) => [name, reversedKeys(member)]));
}

describe('responseCacheKey', () => {
  it('is a SHA-256 hex digest', () => {
    expect(key(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives equal requests in different key orders the same key', () => {
    const reordered = reversedKeys(base) as MessagesRequest;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(base));
    expect(key(reordered)).toBe(key(base));
  });

  it('sorts and deduplicates betas', () => {
    expect(key(base, ['b-beta', 'a-beta', 'b-beta'])).toBe(key(base, ['a-beta', 'b-beta']));
    expect(key(base, ['a-beta'])).not.toBe(key(base));
  });

  it.each<[string, Partial<MessagesRequest>]>([
    ['model', { model: 'claude-haiku-4-5' }],
    ['system', { system: 'Be thorough.' }],
    ['messages', { messages: [{ role: 'user', content: 'What is the weather in Bergen?' }] }],
    ['tools', { tools: [] }],
    ['tool_choice', { tool_choice: { type: 'any' } }],
    ['thinking', { thinking: { type: 'disabled' } }],
    ['output_config', { output_config: { effort: 'low' } }],
    ['max_tokens', { max_tokens: 257 }],
    ['temperature', { temperature: 0.5 }],
    ['top_p', { top_p: 0.9 }],
    ['top_k', { top_k: 5 }],
    ['stop_sequences', { stop_sequences: ['END'] }],
    ['cache_control', { cache_control: { type: 'ephemeral' } }],
    ['service_tier', { service_tier: 'standard_only' }],
  ])('changes when %s changes', (_field, change) => {
    expect(key({ ...base, ...change })).not.toBe(key(base));
  });

  it.each<[string, Partial<MessagesRequest>]>([
    ['stream: true', { stream: true }],
    ['stream: false', { stream: false }],
    ['metadata', { metadata: { user_id: 'user_123' } }],
  ])('stays the same when only %s changes', (_field, change) => {
    expect(key({ ...base, ...change })).toBe(key(base));
  });

  it('distinguishes a message order change', () => {
    const two = parseMessagesRequest({ ...base, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] });
    const swapped = parseMessagesRequest({ ...base, messages: [{ role: 'user', content: 'c' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'a' }] });
    expect(key(two)).not.toBe(key(swapped));
  });
});

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}'],
    [{ kept: 0, dropped: undefined }, '{"kept":0}'],
    [[2, 1], '[2,1]'],
    ['text', '"text"'],
  ])('writes %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
