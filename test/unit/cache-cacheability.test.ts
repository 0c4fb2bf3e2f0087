import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { isCacheable } from '../../src/cache/cacheability.js';

const hello = [{ role: 'user', content: 'Hello' }];
const urlImage = [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }, { type: 'text', text: 'What is this?' }] }];
const urlDocumentInToolResult = [
  { role: 'user', content: 'Read it' },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'fetch', input: {} }] },
  {
    role: 'user',
    content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }] }],
  },
];
const tools = [{ name: 'fetch', input_schema: { type: 'object' } }];

describe('isCacheable', () => {
  it.each([
    ['temperature 0', { temperature: 0 }, false, true],
    ['temperature 0, forced', { temperature: 0 }, true, true],
    ['no temperature (1.0 on Claude)', {}, false, false],
    ['no temperature, forced', {}, true, true],
    ['temperature 0.2', { temperature: 0.2 }, false, false],
    ['temperature 1, forced', { temperature: 1 }, true, true],
    ['temperature 0 with top_k 1', { temperature: 0, top_k: 1 }, false, true],
    ['temperature 0, tool_choice forcing a tool', { temperature: 0, tools, tool_choice: { type: 'tool', name: 'fetch' } }, false, true],
    ['temperature 0, tool_choice any', { temperature: 0, tools, tool_choice: { type: 'any' } }, false, true],
    ['thinking disabled, temperature 0', { temperature: 0, thinking: { type: 'disabled' } }, false, true],
    ['thinking enabled', { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 1024 } }, false, false],
    ['thinking enabled, forced', { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 1024 } }, true, false],
    ['thinking adaptive, forced', { thinking: { type: 'adaptive' } }, true, false],
    ['thinking between_tools, temperature 0', { temperature: 0, thinking: { type: 'between_tools' } }, false, false],
    ['an image url source, temperature 0', { temperature: 0, messages: urlImage }, false, false],
    ['an image url source, forced', { messages: urlImage }, true, true],
    ['a document url source in a tool result, temperature 0', { temperature: 0, tools, messages: urlDocumentInToolResult }, false, false],
  ])('%s → forced %s: %s', (_name, fields, forced, expected) => {
    const request = parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: hello, ...fields });
    expect(isCacheable(request, { forced })).toBe(expected);
  });
});
