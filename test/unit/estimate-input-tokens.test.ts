import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from '../../src/anthropic/estimate-input-tokens.js';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';

const base64 = (bytes: number) => Buffer.alloc(bytes, 7).toString('base64');
const user = (content: unknown) => ({ role: 'user', content });
const request = (fields: Record<string, unknown>) => parseMessagesRequest({ model: 'claude-sonnet-4-5', max_tokens: 100, ...fields });

describe('estimateInputTokens', () => {
  it.each([
    ['text at four characters a token', { messages: [user('a'.repeat(400))] }, 100],
    ['partial tokens rounded up over the whole request', { messages: [user('abcde'), { role: 'assistant', content: 'fgh' }, user('ij')] }, 3],
    ['at least one token', { messages: [user('')] }, 1],
    ['a system string', { system: 's'.repeat(200), messages: [user('hi')] }, 51],
    ['system blocks', { system: [{ type: 'text', text: 'x'.repeat(10) }, { type: 'text', text: 'y'.repeat(6) }], messages: [user('abcd')] }, 5],
    ['Claude Code system messages inside messages', { messages: [{ role: 'system', content: 'r'.repeat(40) }, user('abcd')] }, 11],
    [
      'tools by their JSON',
      {
        tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        messages: [user('abcd')],
      },
      // {"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}} is 119 characters
      31,
    ],
    ['a structured-output schema by its JSON', { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } }, messages: [user('abcd')] }, 6],
    ['an image by its size, one token per 100 bytes', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64(3000) } }, { type: 'text', text: 'describe' }])] }, 32],
    ['a large image at most 1,600 tokens', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: base64(400_000) } }])] }, 1600],
    ['an image by URL as a full-size image', { messages: [user([{ type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } }])] }, 1600],
    ['a PDF by its size, one token per 20 bytes', { messages: [user([{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64(20_000) } }])] }, 1000],
    ['a text document by its text and title', { messages: [user([{ type: 'document', title: 'TTTT', source: { type: 'text', media_type: 'text/plain', data: 'z'.repeat(100) } }])] }, 26],
    ['a document by URL as about one page', { messages: [user([{ type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } }])] }, 2500],
    [
      'tool calls by name and input JSON, tool results by their content',
      {
        messages: [
          user('go'),
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'run', input: { cmd: 'ls' } }] },
          user([{ type: 'tool_result', tool_use_id: 't1', content: 'file.txt' }]),
        ],
      },
      7,
    ],
    [
      'tool results holding text and images',
      {
        messages: [
          user([
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [
                { type: 'text', text: 'q'.repeat(12) },
                { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: base64(1500) } },
              ],
            },
          ]),
        ],
      },
      18,
    ],
    ['thinking by its text', { messages: [user('hi'), { role: 'assistant', content: [{ type: 'thinking', thinking: 't'.repeat(30), signature: 'sig' }] }] }, 8],
    ['search results by source, title and text', { messages: [user([{ type: 'search_result', source: 'src', title: 'ttl', content: [{ type: 'text', text: 'abcdef' }] }])] }, 3],
  ])('%s', (_name, fields, tokens) => {
    expect(estimateInputTokens(request(fields))).toBe(tokens);
  });
});
