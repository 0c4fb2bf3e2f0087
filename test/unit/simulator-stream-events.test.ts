import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import type { ConverseRequestBody, ConverseStreamEvent } from '../../src/bedrock/types.js';
import { buildStreamEvents } from '../../src/simulator/answer/build-stream-events.js';
import { measureInput } from '../../src/simulator/answer/measure-input.js';
import { planAnswer } from '../../src/simulator/answer/plan-answer.js';
import type { MockScript } from '../../src/simulator/script.js';
import { createStreamFrameEncoder } from '../../src/simulator/transport/encode-stream-frame.js';
import { readSharedChunks, readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

const body: ConverseRequestBody = { messages: [{ role: 'user', content: [{ text: 'hello' }] }] };
const random = { toolUseId: () => 'tooluse_fixed', signature: () => 'SIG' };

function stream(script: MockScript, request: ConverseRequestBody = body) {
  const plan = planAnswer({ script, body: request, lastUserText: 'hello', input: measureInput(request), cachePrefixSeen: false, random });
  return buildStreamEvents(plan);
}

/** Event kinds with the delta member, consecutive repeats collapsed: the "shape" of a stream. */
function shape(events: ReadonlyArray<Record<string, unknown>>): string[] {
  const kinds = events.map((event) => {
    const [name, payload] = Object.entries(event)[0] ?? ['?', {}];
    const delta = (payload as { delta?: Record<string, unknown> }).delta;
    if (name !== 'contentBlockDelta' || delta === undefined) return name;
    const [member, value] = Object.entries(delta)[0] ?? ['?', {}];
    if (member !== 'reasoningContent') return `${name}.${member}`;
    const inner = Object.entries(value as Record<string, unknown>)[0];
    return `${name}.reasoningContent.${inner?.[0] ?? '?'}${inner?.[1] === '' ? '(empty)' : ''}`;
  });
  return kinds.filter((kind, index) => kind !== kinds[index - 1]);
}

const usage = { inputTokens: 2, outputTokens: 2, totalTokens: 4 };

describe('buildStreamEvents', () => {
  it('streams text without contentBlockStart, in pieces of deltaSize, metadata last', () => {
    expect(stream({ content: [{ text: 'Hi there' }], deltaSize: 3 })).toEqual({
      events: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi ' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'the' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 're' } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: 'end_turn' } },
        { metadata: { usage, metrics: { latencyMs: 1 } } },
      ],
      exception: undefined,
    });
  });

  it('starts tool blocks and streams their input as JSON fragments', () => {
    const { events } = stream({ content: [{ toolUse: { name: 'go', input: { city: 'Oslo' } } }], deltaSize: 6 });
    expect(events.slice(1, 7)).toEqual([
      { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tooluse_fixed', name: 'go' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"city' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '":"Osl' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: 'o"}' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'tool_use' } },
    ]);
  });

  it('ends reasoning with an empty text delta and the signature; redacted reasoning is one delta', () => {
    const { events } = stream({ content: [{ reasoning: 'abc' }, { redactedReasoning: 'AAEC' }] });
    expect(events.slice(1, 8)).toEqual([
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'abc' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: '' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'SIG' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { reasoningContent: { redactedContent: 'AAEC' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'end_turn' } },
    ]);
  });

  it('opens a cited span with its citation delta', () => {
    const { events } = stream({ content: [{ text: 'see ' }, { text: 'src', citations: [{ citedText: 'src', title: 'doc' }] }] });
    expect(events.slice(3, 6)).toEqual([
      {
        contentBlockDelta: {
          contentBlockIndex: 1,
          delta: { citation: { title: 'doc', sourceContent: [{ text: 'src' }], location: { documentChar: { documentIndex: 0, start: 0, end: 3 } } } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'src' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
    ]);
  });

  it('carries the matched stop sequence on messageStop when /delta/stop_sequence is requested', () => {
    const request: ConverseRequestBody = { ...body, inferenceConfig: { stopSequences: ['!'] }, additionalModelResponseFieldPaths: ['/delta/stop_sequence'] };
    const { events } = stream({ content: [{ text: 'Hi! more' }] }, request);
    expect(events.at(-2)).toEqual({
      messageStop: { stopReason: 'stop_sequence', additionalModelResponseFields: { delta: { stop_sequence: '!' } } },
    });
  });

  it.each([
    [undefined, 1],
    [3, 3],
  ])('cuts the stream after %s data events for a stream exception', (afterEvents, kept) => {
    const result = stream({ content: [{ text: 'a long answer' }], streamException: { name: 'throttlingException', afterEvents } });
    expect(result.events).toHaveLength(kept);
    expect(result.exception).toEqual({ name: 'throttlingException', payload: { message: 'Too many requests, please wait before trying again.' } });
  });

  it('reports the paced latency in metadata: latencyMs plus eventDelayMs between events', () => {
    const { events } = stream({ content: [{ text: 'ab' }], latencyMs: 100, eventDelayMs: 10 });
    expect(events.at(-1)).toEqual({ metadata: { usage: expect.any(Object), metrics: { latencyMs: 140 } } });
  });
});

describe.skipIf(!sharedAvailable)('stream shapes match recorded Bedrock streams', () => {
  it('text: amazon-bedrock-text.chunks.txt', () => {
    const recorded = readSharedChunks('bedrock-recorded/amazon-bedrock-text.chunks.txt');
    const request = { ...body, additionalModelResponseFieldPaths: ['/delta/stop_sequence'] };
    const ours = stream({ content: [{ text: 'Let me count the letters in strawberry.' }] }, request).events;
    expect(shape(ours)).toEqual(shape(recorded));
    expect(ours.at(-2)).toEqual(recorded.at(-2));
  });

  it('thinking: amazon-bedrock-reasoning.chunks.txt', () => {
    const recorded = readSharedChunks('bedrock-recorded/amazon-bedrock-reasoning.chunks.txt');
    const ours = stream({ content: [{ reasoning: 'Let me count the r letters.' }, { text: 'There are 3.' }] }).events;
    expect(shape(ours)).toEqual(shape(recorded));
  });

  it('redacted reasoning then a tool call: amazon-bedrock-redacted-content.chunks.txt', () => {
    const recorded = readSharedChunks('bedrock-recorded/amazon-bedrock-redacted-content.chunks.txt');
    const ours = stream({ content: [{ redactedReasoning: 'AAEC' }, { toolUse: { name: 'propose', input: { a: 'long enough value' } } }] }).events;
    expect(shape(ours)).toEqual(shape(recorded));
  });

  it('citations: each cited span is its own block starting with a citation delta', () => {
    const recorded = readSharedChunks('bedrock-recorded/amazon-bedrock-document-citations.chunks.txt').map((event) => {
      const [name, payload] = Object.entries(event)[0] ?? ['?', {}];
      const { p: _padding, ...rest } = payload as Record<string, unknown>;
      return { [name]: rest };
    });
    const ours = stream(
      {
        content: [
          { text: 'Based on the supplied document, ' },
          { text: 'generative AI refers to models', citations: [{ citedText: 'AI 1', location: 'documentPage', start: 1, end: 2 }] },
          { text: '.' },
        ],
      },
      { ...body, additionalModelResponseFieldPaths: ['/delta/stop_sequence'] },
    ).events;
    expect(shape(ours)).toEqual(shape(recorded.slice(0, 22).concat(recorded.slice(-2))));
  });
});

describe('createStreamFrameEncoder', () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const headerValues = (headers: Record<string, { value: unknown }>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(headers).map(([name, header]) => [name, header.value]));

  it.each([
    [0, 'a'],
    [0.999, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
  ])('frames an event with a padding prefix (random %f)', (value, padding) => {
    const encoder = createStreamFrameEncoder(() => value);
    const event: ConverseStreamEvent = { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'OK' } } };
    const message = codec.decode(encoder.event(event));
    expect(headerValues(message.headers)).toEqual({
      ':event-type': 'contentBlockDelta',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    expect(JSON.parse(toUtf8(message.body))).toEqual({ contentBlockIndex: 0, delta: { text: 'OK' }, p: padding });
  });

  it('frames an exception with its type and payload', () => {
    const encoder = createStreamFrameEncoder(() => 0.5);
    const message = codec.decode(encoder.exception({ name: 'modelStreamErrorException', payload: { message: 'failed', originalStatusCode: 500 } }));
    expect(headerValues(message.headers)).toEqual({
      ':exception-type': 'modelStreamErrorException',
      ':content-type': 'application/json',
      ':message-type': 'exception',
    });
    expect(JSON.parse(toUtf8(message.body))).toEqual({ message: 'failed', originalStatusCode: 500 });
  });

  it.skipIf(!sharedAvailable)('uses the same headers as the recorded live stream (issue-18994)', () => {
    const recorded = readSharedJson<{ response: { bodyBase64: string } }>('bedrock-recorded/issue-18994-live-converse-stream.json');
    const bytes = Buffer.from(recorded.response.bodyBase64, 'base64');
    const first = codec.decode(bytes.subarray(0, bytes.readUInt32BE(0)));
    const ours = codec.decode(createStreamFrameEncoder(() => 0.5).event({ messageStart: { role: 'assistant' } }));
    expect(headerValues(ours.headers)).toEqual(headerValues(first.headers));
    expect(Object.keys(JSON.parse(toUtf8(ours.body))).sort()).toEqual(Object.keys(JSON.parse(toUtf8(first.body))).sort());
  });
});
