import { describe, expect, it } from 'vitest';
import type { MockScript } from '../../src/simulator/script.js';
import { bedrockApis, useTestProxiesForBothApis } from '../support/both-apis.js';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { testMasterKey, type TestProxy } from '../support/start-test-proxy.js';

const stacks = useTestProxiesForBothApis({ RETRY_MAX: '2', STREAMING_TIMEOUT: '1', RESPONSE_TIMEOUT: '2' });
const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey };
let scriptNumber = 0;

function send(stack: TestProxy, script: MockScript, stream: boolean) {
  return rawRequest(`${stack.url}/v1/messages`, { headers, body: JSON.stringify({ model, max_tokens: 200, stream, messages: scriptedMessages(script) }) });
}

/** The answer's text, from a JSON message or from the text deltas of a stream. */
function answerText(body: string, stream: boolean): string {
  if (!stream) return (JSON.parse(body) as { content: Array<{ text: string }> }).content.map((block) => block.text).join('');
  return parseSseFrames(body)
    .map((frame) => frame.data as { type: string; delta?: { type: string; text?: string } })
    .filter((event) => event.type === 'content_block_delta' && event.delta?.type === 'text_delta')
    .map((event) => event.delta!.text)
    .join('');
}

function callsWith(stack: TestProxy, id: string) {
  return stack.simulator.calls.filter((call) => JSON.stringify(call.body).includes(id)).length;
}

describe.each(bedrockApis)('upstream faults through %s', (api) => {
  const stack = () => stacks[api];

  it.each([false, true])('retries throttling before the first byte and then answers (stream: %s)', async (stream) => {
    const id = `retry-${api}-${stream}-${(scriptNumber += 1)}`;
    const response = await send(stack(), { content: [{ text: 'recovered' }], error: { name: 'ThrottlingException' }, failFirst: { times: 2, id } }, stream);
    expect(response.status).toBe(200);
    expect(answerText(response.text, stream)).toBe('recovered');
    expect(callsWith(stack(), id)).toBe(3);
  });

  it('gives up after RETRY_MAX retries with the error Bedrock gave (529 overloaded_error)', async () => {
    const id = `exhaust-${api}-${(scriptNumber += 1)}`;
    const response = await send(stack(), { content: [{ text: 'never' }], error: { name: 'ServiceUnavailableException' }, failFirst: { times: 5, id } }, false);
    expect(response.status).toBe(529);
    expect(callsWith(stack(), id)).toBe(3);
  });

  it('does not retry a validation error', async () => {
    const id = `invalid-${api}-${(scriptNumber += 1)}`;
    const response = await send(stack(), { content: [{ text: 'x' }], error: { name: 'ValidationException', message: 'bad' }, failFirst: { times: 5, id } }, false);
    expect(response.status).toBe(400);
    expect(callsWith(stack(), id)).toBe(1);
  });

  it('answers 504 timeout_error when a whole answer takes longer than RESPONSE_TIMEOUT', async () => {
    const response = await send(stack(), { content: [{ text: 'late' }], latencyMs: 3500 }, false);
    expect(response.status).toBe(504);
    expect((response.json() as { error: { type: string } }).error.type).toBe('timeout_error');
  });

  it('answers 504 timeout_error when a stream sends no headers within STREAMING_TIMEOUT', async () => {
    const response = await send(stack(), { content: [{ text: 'late' }], latencyMs: 2500 }, true);
    expect(response.status).toBe(504);
    expect((response.json() as { error: { type: string } }).error.type).toBe('timeout_error');
  });

  it.each<[string, MockScript, string]>([
    ['silence after the headers', { content: [{ text: 'x' }], headersThenStallMs: 3000 }, 'timeout_error'],
    ['a stall mid-stream', { content: [{ text: 'partial answer that stops' }], stallAfterEvents: 3 }, 'timeout_error'],
    ['a connection reset mid-stream', { content: [{ text: 'partial answer that breaks' }], resetAfterEvents: 3 }, 'api_error'],
    ['a frame with a bad CRC', { content: [{ text: 'partial answer that is corrupted' }], corruptFrameAfterEvents: 3 }, 'api_error'],
  ])('ends a stream broken by %s with an SSE error frame, never message_stop', async (_name, script, errorType) => {
    const response = await send(stack(), script, true);
    expect(response.status).toBe(200);
    const frames = parseSseFrames(response.text);
    expect(frames.some((frame) => frame.event === 'message_stop')).toBe(false);
    expect(frames.at(-1)).toMatchObject({ event: 'error', data: { type: 'error', error: { type: errorType } } });
  });
});
