import { describe, expect, it } from 'vitest';
import type { ConverseRequestBody } from '../../src/bedrock/types.js';
import type { PlannedBlock } from '../../src/simulator/answer/answer-plan.js';
import { applyOutputLimits } from '../../src/simulator/answer/apply-output-limits.js';
import { measureInput } from '../../src/simulator/answer/measure-input.js';
import { planAnswer, type PlanAnswerOptions } from '../../src/simulator/answer/plan-answer.js';
import { renderConverseResponse } from '../../src/simulator/answer/render-converse-response.js';
import { splitText } from '../../src/simulator/answer/split-text.js';
import type { MockScript } from '../../src/simulator/script.js';

const fixedRandom = { toolUseId: () => 'tooluse_fixed', signature: () => 'c2lnbmF0dXJl' };
const ask: ConverseRequestBody = { messages: [{ role: 'user', content: [{ text: 'What is up?' }] }] };

function plan(script: MockScript, overrides: Partial<PlanAnswerOptions> = {}) {
  const body = overrides.body ?? ask;
  return planAnswer({ script, body, lastUserText: 'What is up?', input: measureInput(body), cachePrefixSeen: false, random: fixedRandom, ...overrides });
}

const text = (value: string): PlannedBlock => ({ kind: 'text', text: value, citations: [] });

describe('applyOutputLimits', () => {
  it.each([
    ['no limit reached', [text('hello')], [], 100, { blocks: [text('hello')], stopReason: undefined, stopSequence: null, outputCharacters: 5 }],
    [
      'the earliest stop sequence cuts the text and drops later blocks',
      [text('one END two STOP'), text('later')],
      ['STOP', 'END'],
      100,
      { blocks: [text('one ')], stopReason: 'stop_sequence', stopSequence: 'END', outputCharacters: 4 },
    ],
    [
      'a stop sequence at the very start leaves no empty block',
      [text('END'), text('later')],
      ['END'],
      100,
      { blocks: [], stopReason: 'stop_sequence', stopSequence: 'END', outputCharacters: 0 },
    ],
    [
      'maxTokens cuts at 4 characters a token',
      [text('abcdefghij'), text('klm')],
      [],
      2,
      { blocks: [text('abcdefgh')], stopReason: 'max_tokens', stopSequence: null, outputCharacters: 8 },
    ],
    [
      'maxTokens wins when it comes before the stop sequence',
      [text('abcdefghij END')],
      ['END'],
      1,
      { blocks: [text('abcd')], stopReason: 'max_tokens', stopSequence: null, outputCharacters: 4 },
    ],
    [
      'a tool call that does not fit is dropped',
      [text('abcd'), { kind: 'toolUse', toolUseId: 't', name: 'go', input: {} }],
      [],
      1,
      { blocks: [text('abcd')], stopReason: 'max_tokens', stopSequence: null, outputCharacters: 4 },
    ],
  ] as const)('%s', (_name, blocks, stopSequences, maxTokens, expected) => {
    expect(applyOutputLimits(blocks, { stopSequences, maxTokens })).toEqual(expected);
  });
});

describe('measureInput', () => {
  it('counts tool specs, system text and message content', () => {
    const body: ConverseRequestBody = {
      toolConfig: { tools: [{ toolSpec: { name: 'a', inputSchema: { json: {} } } }] },
      system: [{ text: 'system' }],
      messages: [
        { role: 'user', content: [{ text: 'hello' }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'a', input: { x: 1 } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'done' }, { json: [1] }] } }] },
      ],
    };
    const toolSpec = JSON.stringify({ name: 'a', inputSchema: { json: {} } }).length;
    expect(measureInput(body)).toEqual({ characters: toolSpec + 6 + 5 + (1 + 7) + (4 + 3) });
  });

  it('keys the cache prefix by everything before the last cache point', () => {
    const first = measureInput({
      system: [{ text: 'stable' }, { cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: 'one' }] }],
    });
    const second = measureInput({
      system: [{ text: 'stable' }, { cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: 'two!' }] }],
    });
    expect(first.cachePrefix?.characters).toBe(6);
    expect(first.cachePrefix?.key).toBe(second.cachePrefix?.key);
    expect(measureInput(ask).cachePrefix).toBeUndefined();
  });
});

describe('planAnswer', () => {
  it('echoes the last user text when the script has no content', () => {
    const answer = plan({});
    expect(answer.blocks).toEqual([text('Hello from the Bedrock simulator. You said: What is up?')]);
    expect(answer.stopReason).toBe('end_turn');
    expect(answer.usage).toEqual({ inputTokens: 3, outputTokens: 14, totalTokens: 17 });
  });

  it('generates tool ids and signatures, and stops for tool use', () => {
    const answer = plan({ content: [{ reasoning: 'hmm' }, { toolUse: { name: 'go' } }] });
    expect(answer.blocks).toEqual([
      { kind: 'reasoning', text: 'hmm', signature: 'c2lnbmF0dXJl' },
      { kind: 'toolUse', toolUseId: 'tooluse_fixed', name: 'go', input: {} },
    ]);
    expect(answer.stopReason).toBe('tool_use');
  });

  it('fills citation defaults from the request document', () => {
    const body: ConverseRequestBody = {
      messages: [{ role: 'user', content: [{ document: { format: 'txt', name: 'report', source: { text: 'x' } } }, { text: 'q' }] }],
    };
    const answer = plan({ content: [{ text: 'cited', citations: [{ citedText: 'cited' }, { citedText: 'p', location: 'documentPage', start: 2, title: 't' }] }] }, { body });
    expect(answer.blocks).toEqual([
      {
        kind: 'text',
        text: 'cited',
        citations: [
          { title: 'report', citedText: 'cited', documentIndex: 0, location: 'documentChar', start: 0, end: 5 },
          { title: 't', citedText: 'p', documentIndex: 0, location: 'documentPage', start: 2, end: 3 },
        ],
      },
    ]);
  });

  it('reports the matched stop sequence only when asked and only when stopped by it', () => {
    const body: ConverseRequestBody = {
      ...ask,
      inferenceConfig: { stopSequences: ['##'] },
      additionalModelResponseFieldPaths: ['/stop_sequence', '/delta/stop_sequence'],
    };
    const answer = plan({ content: [{ text: 'a ## b' }] }, { body });
    expect([answer.stopReason, answer.stopSequence, answer.responseFieldPaths]).toEqual([
      'stop_sequence',
      '##',
      { stopSequence: true, deltaStopSequence: true },
    ]);
    expect(plan({ content: [{ text: 'a b' }] }, { body }).stopSequence).toBeNull();
  });

  it('reports exactly maxTokens output tokens when cut', () => {
    const body: ConverseRequestBody = { ...ask, inferenceConfig: { maxTokens: 3 } };
    const answer = plan({ content: [{ text: 'x'.repeat(100) }] }, { body });
    expect(answer.usage.outputTokens).toBe(3);
    expect(answer.stopReason).toBe('max_tokens');
  });

  it('keeps a scripted stop reason and usage', () => {
    const answer = plan({
      content: [{ text: 'x' }],
      stopReason: 'content_filtered',
      usage: { inputTokens: 10, outputTokens: 2, cacheReadInputTokens: 0, cacheWriteInputTokens: 5, cacheDetails: [{ ttl: '1h', inputTokens: 5 }] },
    });
    expect(answer.stopReason).toBe('content_filtered');
    expect(answer.usage).toEqual({ inputTokens: 10, outputTokens: 2, totalTokens: 17, cacheWriteInputTokens: 5, cacheDetails: [{ ttl: '1h', inputTokens: 5 }] });
  });

  it.each([
    [false, { inputTokens: 2, outputTokens: 1, totalTokens: 28, cacheWriteInputTokens: 25 }],
    [true, { inputTokens: 2, outputTokens: 1, totalTokens: 28, cacheReadInputTokens: 25 }],
  ])('splits input into a cache prefix and the rest (seen before: %s)', (cachePrefixSeen, expected) => {
    const body: ConverseRequestBody = {
      system: [{ text: 'p'.repeat(100) }, { cachePoint: { type: 'default' } }],
      messages: [{ role: 'user', content: [{ text: 'hello' }] }],
    };
    expect(plan({ content: [{ text: 'ok' }] }, { body, cachePrefixSeen }).usage).toEqual(expected);
  });
});

describe('renderConverseResponse', () => {
  it('renders every block kind in the Converse wire form', () => {
    const answer = plan({
      content: [
        { reasoning: 'think', signature: 'sig' },
        { redactedReasoning: 'AAEC' },
        { text: 'plain' },
        { text: 'cited', citations: [{ citedText: 'src', title: 'doc' }] },
        { toolUse: { name: 'go', input: { a: 1 }, toolUseId: 'tooluse_x' } },
      ],
    });
    expect(renderConverseResponse(answer)).toEqual({
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'think', signature: 'sig' } } },
            { reasoningContent: { redactedContent: 'AAEC' } },
            { text: 'plain' },
            {
              citationsContent: {
                content: [{ text: 'cited' }],
                citations: [{ title: 'doc', sourceContent: [{ text: 'src' }], location: { documentChar: { documentIndex: 0, start: 0, end: 3 } } }],
              },
            },
            { toolUse: { toolUseId: 'tooluse_x', name: 'go', input: { a: 1 } } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: answer.usage,
      metrics: { latencyMs: 1 },
    });
  });

  it.each([
    [['/stop_sequence'], { stop_sequence: null }],
    [['/delta/stop_sequence'], undefined],
    [[], undefined],
  ])('fills additionalModelResponseFields for paths %j', (paths, expected) => {
    const answer = plan({ content: [{ text: 'x' }] }, { body: { ...ask, additionalModelResponseFieldPaths: paths } });
    expect(renderConverseResponse(answer).additionalModelResponseFields).toEqual(expected);
  });
});

describe('splitText', () => {
  it.each([
    ['abc', 8, ['abc']],
    ['', 8, ['']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a😀b', 2, ['a', '😀', 'b']],
  ])('splits %j into pieces of %i', (input, size, expected) => {
    expect(splitText(input, size)).toEqual(expected);
  });
});
