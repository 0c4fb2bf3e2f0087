import { Stream } from '@anthropic-ai/sdk/streaming';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { startTestProxy, testMasterKey, useTestProxy } from '../support/start-test-proxy.js';

const stack = useTestProxy();

const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey };

function splitInto(text: string, sizes: number[]): Uint8Array[] {
  const bytes = Buffer.from(text);
  const chunks: Uint8Array[] = [];
  for (let offset = 0, turn = 0; offset < bytes.length; turn += 1) {
    const size = sizes[turn % sizes.length]!;
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

describe('SSE framing', () => {
  it('parses identically in the SDK when the bytes arrive split mid-line', async () => {
    const script = { content: [{ reasoning: 'Pondering…', signature: 'sig' }, { text: 'Ünïcödé answer with "quotes" and\nnewlines.' }, { toolUse: { name: 'get_weather', input: { city: 'Zürich' } } }] };
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers,
      body: JSON.stringify({
        model,
        max_tokens: 4000,
        stream: true,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        messages: scriptedMessages(script),
      }),
    });
    const expected = parseSseFrames(response.text).map((frame) => frame.data);
    for (const sizes of [[1], [2, 3], [7, 1, 13], [64]]) {
      const chunks = splitInto(response.text, sizes);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
      const events: unknown[] = [];
      for await (const event of Stream.fromSSEResponse(new Response(body), new AbortController())) events.push(event);
      expect(events).toEqual(expected.filter((event) => (event as { type: string }).type !== 'ping'));
    }
  });
});

describe('stream lifetime', () => {
  it('aborts the Bedrock call when the client disconnects mid-stream', async () => {
    const controller = new AbortController();
    const response = await request(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers,
      signal: controller.signal,
      body: JSON.stringify({ model, max_tokens: 4000, stream: true, messages: scriptedMessages({ content: [{ text: 'slow '.repeat(200) }], eventDelayMs: 50 }) }),
    });
    expect(response.statusCode).toBe(200);
    for await (const chunk of response.body) {
      if (String(chunk).includes('content_block_delta')) break;
    }
    controller.abort();
    const call = stack.simulator.calls.at(-1)!;
    const deadline = Date.now() + 1000;
    while (call.outcome === 'in_progress' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(call.outcome).toBe('aborted');
  });

  it('sends ping frames during long silences', async () => {
    const quickPings = await startTestProxy({}, { pingIntervalMs: 100 });
    try {
      const response = await rawRequest(`${quickPings.url}/v1/messages`, {
        headers,
        body: JSON.stringify({ model, max_tokens: 100, stream: true, messages: scriptedMessages({ content: [{ text: 'late' }], eventDelayMs: 450 }) }),
      });
      const frames = parseSseFrames(response.text);
      expect(frames.filter((frame) => frame.event === 'ping').length).toBeGreaterThanOrEqual(2);
      expect(frames.at(-1)!.event).toBe('message_stop');
    } finally {
      await quickPings.close();
    }
  });

});
