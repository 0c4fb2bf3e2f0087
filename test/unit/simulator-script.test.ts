import { describe, expect, it } from 'vitest';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import { exampleToolInput } from '../../src/simulator/answer/example-tool-input.js';
import { findDirective } from '../../src/simulator/answer/find-directive.js';
import { buildPreset, presetNames } from '../../src/simulator/answer/presets.js';
import { resolveScript } from '../../src/simulator/answer/resolve-script.js';
import { presetNames as exportedPresetNames } from '../../src/simulator/index.js';

const ask = (...texts: string[]): ConverseRequestBody => ({ messages: [{ role: 'user', content: texts.map((text) => ({ text })) }] });

describe('findDirective', () => {
  it.each([
    ['a preset name', ask('Hi', 'MOCK_BEDROCK: tool_use'), 'tool_use', 'Hi'],
    ['leading whitespace and a JSON script', ask('  MOCK_BEDROCK:  {"latencyMs":5} '), '{"latencyMs":5}', ''],
    ['no directive', ask('Hi', 'there'), undefined, 'Hi\nthere'],
    ['a marker in the middle of a text is not a directive', ask('say MOCK_BEDROCK: text'), undefined, 'say MOCK_BEDROCK: text'],
  ])('finds %s', (_name, body, directive, lastUserText) => {
    expect(findDirective(body)).toEqual({ directive, lastUserText });
  });

  it('looks only at the last user message', () => {
    const body: ConverseRequestBody = {
      messages: [
        { role: 'user', content: [{ text: 'MOCK_BEDROCK: throttle' }] },
        { role: 'assistant', content: [{ text: 'ok' }] },
        { role: 'user', content: [{ text: 'second turn' }] },
      ],
    };
    expect(findDirective(body)).toEqual({ directive: undefined, lastUserText: 'second turn' });
  });
});

describe('resolveScript', () => {
  const resolve = (body: ConverseRequestBody, defaultScript?: { latencyMs: number }) =>
    resolveScript({ body, operation: 'Converse', defaultScript });

  it.each([
    ['no directive and no default: the echo script', ask('hello'), undefined, { ok: true, script: {}, lastUserText: 'hello' }],
    ['no directive: the default script', ask('hello'), { latencyMs: 3 }, { ok: true, script: { latencyMs: 3 }, lastUserText: 'hello' }],
    [
      'a JSON script wins over the default',
      ask('hello', 'MOCK_BEDROCK: {"content":[{"text":"hi"}],"stopReason":"end_turn"}'),
      { latencyMs: 3 },
      { ok: true, script: { content: [{ text: 'hi' }], stopReason: 'end_turn' }, lastUserText: 'hello' },
    ],
    [
      'a preset',
      ask('MOCK_BEDROCK: throttle'),
      undefined,
      { ok: true, script: { error: { name: 'ThrottlingException' } }, lastUserText: '' },
    ],
  ])('%s', (_name, body, defaultScript, expected) => {
    expect(resolve(body, defaultScript)).toEqual(expected);
  });

  it.each([
    ['an unknown preset', 'MOCK_BEDROCK: chatty', `MOCK_BEDROCK: unknown preset "chatty". Known presets: ${presetNames.join(', ')}; or give a JSON script.`],
    ['invalid JSON', 'MOCK_BEDROCK: {"content":', 'MOCK_BEDROCK: the script is not valid JSON: '],
    ['an unknown script key', 'MOCK_BEDROCK: {"contents":[]}', 'MOCK_BEDROCK: the script is invalid: (script): Unrecognized key: "contents"'],
    ['an unknown error name', 'MOCK_BEDROCK: {"error":{"name":"Oops"}}', 'MOCK_BEDROCK: the script is invalid: error.name: '],
    ['a preset whose prerequisite is missing', 'MOCK_BEDROCK: stop_sequence', 'MOCK_BEDROCK: the stop_sequence preset needs inferenceConfig.stopSequences.'],
  ])('refuses %s with a message naming the problem', (_name, directive, expectedStart) => {
    const result = resolve(ask(directive));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message.slice(0, expectedStart.length)).toBe(expectedStart);
  });
});

describe('presets', () => {
  const full: ConverseRequestBody = {
    messages: [{ role: 'user', content: [{ document: { format: 'txt', name: 'notes', source: { text: '  Cited words.  ' } } }, { text: 'q' }] }],
    inferenceConfig: { maxTokens: 5, stopSequences: ['END'] },
    toolConfig: {
      tools: [
        { cachePoint: { type: 'default' } },
        {
          toolSpec: {
            name: 'search',
            inputSchema: { json: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } }, required: ['query', 'limit'] } },
          },
        },
      ],
    },
  };

  it('lists every preset, exported for the command line', () => {
    expect(exportedPresetNames).toEqual([
      'text',
      'tool_use',
      'thinking',
      'redacted_thinking',
      'citations',
      'stop_sequence',
      'max_tokens',
      'cache',
      'throttle',
      'unavailable',
      'internal_error',
      'model_timeout',
      'stream_exception',
      'slow',
    ]);
  });

  it.each(presetNames)('%s builds a script from a complete request', (name) => {
    const result = buildPreset(name, { body: full, operation: 'ConverseStream' });
    expect('script' in result).toBe(true);
  });

  it.each([
    ['tool_use', full, { content: [{ text: 'I will call search.' }, { toolUse: { name: 'search', input: { query: 'example', limit: 1 } } }] }],
    ['tool_use', ask('q'), { content: [{ text: 'I will call get_weather.' }, { toolUse: { name: 'get_weather', input: { location: 'Paris' } } }] }],
    [
      'citations',
      full,
      {
        content: [
          { text: 'According to the document, ' },
          { text: 'Cited words.', citations: [{ citedText: 'Cited words.', documentIndex: 0, start: 0, end: 12 }] },
          { text: '.' },
        ],
      },
    ],
    ['stop_sequence', full, { content: [{ text: 'Counting: one, two, END three, four.' }] }],
    ['slow', full, { content: [{ text: 'This answer took its time.' }], latencyMs: 1500 }],
  ] as const)('%s builds the expected script', (name, body, expected) => {
    expect(buildPreset(name, { body, operation: 'Converse' })).toEqual({ script: expected });
  });

  it('max_tokens writes past the request limit', () => {
    const result = buildPreset('max_tokens', { body: full, operation: 'Converse' });
    const text = 'script' in result ? result.script.content?.[0] : undefined;
    expect(text !== undefined && 'text' in text ? text.text.length : 0).toBeGreaterThan(5 * 4);
  });

  const cutShort = {
    content: [{ text: 'This answer is cut short by a model stream error.' }],
    streamException: { name: 'modelStreamErrorException', afterEvents: 3 },
  } as const;
  it.each([
    ['Converse', { error: { name: 'ModelErrorException' } }],
    ['ConverseStream', cutShort],
    ['InvokeModel', { error: { name: 'ModelErrorException' } }],
    ['InvokeModelWithResponseStream', cutShort],
    ['CountTokens', { error: { name: 'ModelErrorException' } }],
  ] as const)('stream_exception on %s', (operation, expected) => {
    expect(buildPreset('stream_exception', { body: full, operation })).toEqual({ script: expected });
  });
});

describe('exampleToolInput', () => {
  it.each([
    ['no schema', undefined, {}],
    ['optional properties only', { type: 'object', properties: { a: { type: 'string' } } }, {}],
    [
      'each required type',
      {
        type: 'object',
        properties: {
          s: { type: 'string' },
          n: { type: 'number' },
          b: { type: 'boolean' },
          a: { type: 'array' },
          e: { enum: ['celsius', 'fahrenheit'] },
          o: { type: 'object', properties: { inner: { type: 'integer' } }, required: ['inner'] },
        },
        required: ['s', 'n', 'b', 'a', 'e', 'o'],
      },
      { s: 'example', n: 1, b: true, a: [], e: 'celsius', o: { inner: 1 } },
    ],
  ])('%s', (_name, schema, expected) => {
    expect(exampleToolInput(schema)).toEqual(expected);
  });
});
