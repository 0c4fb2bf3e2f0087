import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { startTestProxy, testMasterKey } from '../support/start-test-proxy.js';

const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey };
const slowStream = (eventDelayMs: number) =>
  JSON.stringify({ model, max_tokens: 1000, stream: true, messages: scriptedMessages({ content: [{ text: 'tick '.repeat(20) }], eventDelayMs, deltaSize: 5 }) });

describe('graceful shutdown', () => {
  it('lets a stream in flight finish within the grace period, and refuses new requests meanwhile', async () => {
    const stack = await startTestProxy();
    onTestFinished(() => stack.removeData());
    const streaming = rawRequest(`${stack.url}/v1/messages`, { headers, body: slowStream(40) });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const closing = stack.proxy.close(5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = await rawRequest(`${stack.url}/v1/messages`, { headers, body: slowStream(0) }).catch((error: unknown) => error);
    const finished = await streaming;
    await closing;
    const frames = parseSseFrames(finished.text);
    expect(frames.at(-1)!.event).toBe('message_stop');
    // A new connection is refused outright once the server stops listening.
    expect(late).toBeInstanceOf(Error);
  });

  it('ends a stream still running after the grace period with an error frame, never a normal close', async () => {
    const stack = await startTestProxy();
    onTestFinished(() => stack.removeData());
    const streaming = rawRequest(`${stack.url}/v1/messages`, { headers, body: slowStream(200) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const startedClosing = Date.now();
    await stack.proxy.close(300);
    const response = await streaming;
    expect(Date.now() - startedClosing).toBeLessThan(3000);
    const frames = parseSseFrames(response.text);
    expect(frames.some((frame) => frame.event === 'message_stop')).toBe(false);
    expect(frames.at(-1)).toMatchObject({ event: 'error', data: { type: 'error', error: { type: 'overloaded_error' } } });
  });

});

describe('concurrent streams per key', () => {
  it('refuses a stream beyond MAX_STREAMS_PER_KEY with 429 and lets it through once one ends', async () => {
    const stack = await startTestProxy({ MAX_STREAMS_PER_KEY: '2' });
    try {
      const { key } = await stack.proxy.store.apiKeys.create({ name: 'streams', userId: 'ada' });
      const keyHeaders = { ...headers, 'x-api-key': key };
      const open = [0, 1].map(() => request(`${stack.url}/v1/messages`, { method: 'POST', headers: keyHeaders, body: slowStream(50) }));
      const responses = await Promise.all(open);
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
      const third = await rawRequest(`${stack.url}/v1/messages`, { headers: keyHeaders, body: slowStream(0) });
      expect(third.status).toBe(429);
      expect((third.json() as { error: { type: string; message: string } }).error).toMatchObject({ type: 'rate_limit_error', message: expect.stringContaining('2 streams open') });
      await Promise.all(responses.map((response) => response.body.text()));
      const fourth = await rawRequest(`${stack.url}/v1/messages`, { headers: keyHeaders, body: slowStream(0) });
      expect(fourth.status).toBe(200);
      const master = await Promise.all([0, 1, 2].map(() => rawRequest(`${stack.url}/v1/messages`, { headers, body: slowStream(0) })));
      expect(master.map((response) => response.status)).toEqual([200, 200, 200]);
    } finally {
      await stack.close();
    }
  });
});
