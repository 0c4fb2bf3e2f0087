import { describe, expect, it } from 'vitest';
import type { BedrockRuntime, ConverseResponseBody, ConverseStreamEvent } from '../../src/bedrock/types.js';
import { ProxyError } from '../../src/errors.js';
import { createMetrics } from '../../src/metrics/create-metrics.js';
import { observeBedrockRuntime } from '../../src/metrics/observe-bedrock-runtime.js';

const output: ConverseResponseBody = {
  output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  metrics: { latencyMs: 1 },
};
const events: ConverseStreamEvent[] = [{ messageStart: { role: 'assistant' } }, { messageStop: { stopReason: 'end_turn' } }];

/** One event per batch. */
async function* streamOf(items: readonly ConverseStreamEvent[], failAfter?: number): AsyncGenerator<ConverseStreamEvent[]> {
  for (const [index, item] of items.entries()) {
    if (index === failAfter) throw new ProxyError('BEDROCK_STREAM_ERROR', 'broken');
    yield [item];
  }
}

/** A runtime whose calls succeed unless the model id says `fail`; streams break after one event for `break`. */
const fakeRuntime: BedrockRuntime = {
  converse: async (call) => {
    if (call.modelId === 'fail') throw new ProxyError('BEDROCK_THROTTLED', 'slow down');
    return { requestId: 'r', output };
  },
  converseStream: async (call) => ({ requestId: 'r', eventBatches: streamOf(events, call.modelId === 'break' ? 1 : undefined) }),
  invoke: async () => ({ requestId: 'r', output: {} }),
  invokeStream: async () => {
    throw new ProxyError('BEDROCK_VALIDATION', 'bad');
  },
  countTokens: async () => ({ requestId: 'r', inputTokens: 3 }),
  close: async () => undefined,
};

/** Each reading moves the clock 250 ms on, so every call lasts exactly 0.25 s. */
function steppingClock(): () => number {
  let time = 0;
  return () => {
    time += 250;
    return time;
  };
}

const body = { messages: [] };

describe('observeBedrockRuntime', () => {
  it('times each call into bedrock_call_duration_seconds by API, operation and outcome', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const runtime = observeBedrockRuntime(fakeRuntime, { metrics, now: steppingClock() });
    await runtime.converse({ modelId: 'ok', body });
    await expect(runtime.converse({ modelId: 'fail', body })).rejects.toMatchObject({ code: 'BEDROCK_THROTTLED' });
    await runtime.invoke({ modelId: 'ok', body: {} });
    await expect(runtime.invokeStream({ modelId: 'ok', body: {} })).rejects.toMatchObject({ code: 'BEDROCK_VALIDATION' });
    await runtime.countTokens({ modelId: 'ok', input: { invokeModel: { body: {} } } });

    const whole = await runtime.converseStream({ modelId: 'ok', body });
    const seen: ConverseStreamEvent[] = [];
    for await (const batch of whole.eventBatches) seen.push(...batch);
    expect(seen).toEqual(events);

    const broken = await runtime.converseStream({ modelId: 'break', body });
    await expect(
      (async () => {
        for await (const batch of broken.eventBatches) void batch;
      })(),
    ).rejects.toMatchObject({ code: 'BEDROCK_STREAM_ERROR' });

    const counts = (await metrics.render()).body.split('\n').filter((line) => line.startsWith('anthropic_proxy_bedrock_call_duration_seconds_sum'));
    expect(counts).toEqual([
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="converse",operation="converse",outcome="ok"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="converse",operation="converse",outcome="error"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="invoke",operation="invoke",outcome="ok"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="invoke",operation="invoke-with-response-stream",outcome="error"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="invoke",operation="count-tokens",outcome="ok"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="converse",operation="converse-stream",outcome="ok"} 0.25',
      'anthropic_proxy_bedrock_call_duration_seconds_sum{api="converse",operation="converse-stream",outcome="error"} 0.25',
    ]);
  });

  it('records a stream the client leaves early as ok, when it leaves', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const runtime = observeBedrockRuntime(fakeRuntime, { metrics, now: steppingClock() });
    const result = await runtime.converseStream({ modelId: 'ok', body });
    const before = (await metrics.render()).body;
    expect(before).not.toContain('anthropic_proxy_bedrock_call_duration_seconds_count{');
    for await (const batch of result.eventBatches) {
      void batch;
      break;
    }
    expect((await metrics.render()).body).toContain(
      'anthropic_proxy_bedrock_call_duration_seconds_count{api="converse",operation="converse-stream",outcome="ok"} 1',
    );
  });
});
