import { once } from 'node:events';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/simulator/index.js';
import { bedrockApis, useTestProxiesForBothApis } from '../support/both-apis.js';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames } from '../support/raw-http.js';
import { testMasterKey, type TestProxy } from '../support/start-test-proxy.js';

const stacks = useTestProxiesForBothApis({ MAX_REQUEST_BYTES: String(64 * 1024 * 1024) });
const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey };

/**
 * 32 MB of text in 32 KB deltas, one event a millisecond. On loopback the kernel alone buffers about
 * 4 MB in each direction of each connection (send buffers grow to net.ipv4.tcp_wmem's maximum), so
 * the answer must be several times that for a held-back stream to stand out from a finished one.
 */
const deltaSize = 32 * 1024;
const deltaCount = 1024;
const answerText = Array.from({ length: deltaCount }, (_, index) => String(index % 10).repeat(deltaSize)).join('');
const pollIntervalMs = 50;
const maxPolls = 400;

/** A streaming request whose response starts paused: the caller decides when it is read. */
function openStream(stack: TestProxy, marker: string): Promise<http.IncomingMessage> {
  const body = JSON.stringify({
    model,
    max_tokens: answerText.length,
    stream: true,
    messages: scriptedMessages({ content: [{ text: answerText }], deltaSize, eventDelayMs: 1 }, marker),
  });
  return new Promise((resolve, reject) => {
    const request = http.request(`${stack.url}/v1/messages`, { method: 'POST', headers, agent: false }, (response) => {
      response.pause();
      resolve(response);
    });
    request.once('error', reject);
    request.end(body);
  });
}

function callWith(stack: TestProxy, marker: string): RecordedCall {
  const call = stack.simulator.calls.find((candidate) => JSON.stringify(candidate.body).includes(marker));
  if (call === undefined) throw new Error(`the simulator has no call with ${marker}`);
  return call;
}

/** Polls until the simulator's bytes for this call stop growing (bounded): where backpressure holds it. */
async function waitUntilHeldBack(call: RecordedCall): Promise<{ held: boolean; bytesSent: number }> {
  let previous = -1;
  let unchanged = 0;
  for (let poll = 0; poll < maxPolls && call.outcome === 'in_progress'; poll += 1) {
    await sleep(pollIntervalMs);
    unchanged = call.bytesSent === previous ? unchanged + 1 : 0;
    previous = call.bytesSent;
    if (unchanged >= 5) return { held: true, bytesSent: call.bytesSent };
  }
  return { held: false, bytesSent: call.bytesSent };
}

async function readRest(response: http.IncomingMessage, alreadyRead: Buffer | null): Promise<string> {
  const chunks: Buffer[] = alreadyRead === null ? [] : [alreadyRead];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe.each(bedrockApis)('a client that stops reading a long stream, through %s', (api) => {
  it('holds Bedrock back until it reads again, then gets the whole answer and message_stop', async () => {
    const stack = stacks[api];
    const marker = `slow-reader-${api}`;
    const response = await openStream(stack, marker);
    expect(response.statusCode).toBe(200);
    await once(response, 'readable');
    const first = response.read() as Buffer | null;
    const call = callWith(stack, marker);

    const paused = await waitUntilHeldBack(call);
    expect(paused.held).toBe(true);
    expect(call.outcome).toBe('in_progress');

    const frames = parseSseFrames(await readRest(response, first));
    const text = frames
      .map((frame) => frame.data as { type: string; delta?: { type: string; text?: string } })
      .filter((event) => event.type === 'content_block_delta' && event.delta?.type === 'text_delta')
      .map((event) => event.delta!.text)
      .join('');
    expect(text.length).toBe(answerText.length);
    expect(text === answerText).toBe(true);
    expect(frames.at(-1)?.event).toBe('message_stop');
    expect(frames.some((frame) => frame.event === 'error')).toBe(false);
    expect(call.outcome).toBe('completed');
    expect(paused.bytesSent).toBeGreaterThan(0);
    expect(paused.bytesSent).toBeLessThan(call.bytesSent / 2);
  }, 60_000);
});
