import http, { type IncomingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  BedrockRuntimeClient,
  ConverseStreamCommand,
  InvokeModelWithResponseStreamCommand,
  type ConverseStreamOutput,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrameSplitter } from '../../src/bedrock/create-frame-splitter.js';
import { startBedrockSimulator, type BedrockSimulator, type MockScript, type RecordedCall } from '../../src/simulator/index.js';

const credentials = { accessKeyId: 'AKIASIMULATORFAULTS0', secretAccessKey: 'simulator-faults-secret' };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const answer: MockScript = { content: [{ text: 'One two three four five six seven eight nine ten.' }], deltaSize: 4 };

let simulator: BedrockSimulator;
beforeAll(async () => {
  simulator = await startBedrockSimulator();
});
afterAll(async () => {
  await simulator.close();
});

type Operation = 'Converse' | 'ConverseStream' | 'InvokeModel' | 'InvokeModelWithResponseStream';
const actions: Record<Operation, string> = {
  Converse: 'converse',
  ConverseStream: 'converse-stream',
  InvokeModel: 'invoke',
  InvokeModelWithResponseStream: 'invoke-with-response-stream',
};
const streamOperations = ['ConverseStream', 'InvokeModelWithResponseStream'] as const;

function body(operation: Operation, script: MockScript): Record<string, unknown> {
  const directive = `MOCK_BEDROCK: ${JSON.stringify(script)}`;
  if (operation === 'Converse' || operation === 'ConverseStream') {
    return { messages: [{ role: 'user', content: [{ text: 'Please answer.' }, { text: directive }] }] };
  }
  return {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1024,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Please answer.' }, { type: 'text', text: directive }] }],
  };
}

interface RawExchange {
  request: http.ClientRequest;
  response: http.IncomingMessage;
  /** performance.now() when the request was sent and when the status line arrived. */
  sentAt: number;
  headersAt: number;
}

/** An HTTP/1.1 call without the SDK, so the test sees exactly what arrives and when. */
function send(operation: Operation, script: MockScript): Promise<RawExchange> {
  const payload = JSON.stringify(body(operation, script));
  return new Promise((resolve, reject) => {
    const request = http.request(`${simulator.url}/model/${encodeURIComponent(modelId)}/${actions[operation]}`, {
      method: 'POST',
      agent: false,
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    let sentAt = 0;
    request.once('error', reject);
    request.once('response', (response) => resolve({ request, response, sentAt, headersAt: performance.now() }));
    request.end(payload, () => {
      sentAt = performance.now();
    });
  });
}

interface ReadResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** Event types (`chunk` for InvokeModel streams) of the frames that decoded. */
  eventTypes: string[];
  /** The first frame that did not decode. */
  frameError: string | undefined;
  /** How the body ended: `end`, or the connection error's code. */
  ending: string;
  body: string;
  firstFrameAt: number | undefined;
}

/** Reads a raw response to its end (or its failure), splitting and checking event-stream frames. */
function readAll({ response }: RawExchange, until?: (result: ReadResult) => boolean): Promise<ReadResult> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const splitter = createFrameSplitter();
  const chunks: Buffer[] = [];
  const result: ReadResult = { status: response.statusCode ?? 0, headers: response.headers, eventTypes: [], frameError: undefined, ending: '', body: '', firstFrameAt: undefined };
  return new Promise((resolve) => {
    const settle = (ending: string) => {
      if (result.ending !== '') return;
      result.ending = ending;
      result.body = Buffer.concat(chunks).toString('utf8');
      resolve(result);
    };
    response.on('data', (chunk: Buffer) => {
      result.firstFrameAt ??= performance.now();
      chunks.push(chunk);
      if (result.headers['content-type'] !== 'application/vnd.amazon.eventstream') return;
      splitter.append(chunk);
      for (let frame = splitter.next(); frame !== undefined; frame = splitter.next()) {
        try {
          const message = codec.decode(frame);
          const type = message.headers[':event-type'] ?? message.headers[':exception-type'];
          result.eventTypes.push(String(type?.value));
        } catch (error) {
          result.frameError ??= (error as Error).message;
        }
      }
      if (until?.(result) === true) settle('enough');
    });
    response.once('end', () => settle('end'));
    response.once('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
    response.once('aborted', () => settle('aborted'));
  });
}

function callFor(marker: string): RecordedCall | undefined {
  return simulator.calls.findLast((call) => JSON.stringify(call.body).includes(marker));
}

/** Polls the call log (bounded) until the call's outcome is no longer in progress. */
async function settledOutcome(marker: string): Promise<RecordedCall['outcome'] | undefined> {
  for (let attempt = 0; attempt < 250; attempt += 1) {
    const outcome = callFor(marker)?.outcome;
    if (outcome !== undefined && outcome !== 'in_progress') return outcome;
    await delay(20);
  }
  return callFor(marker)?.outcome;
}

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}`;

describe('failFirst', () => {
  it.each(['Converse', 'ConverseStream', 'InvokeModel', 'InvokeModelWithResponseStream'] as const)(
    'answers the error to the first requests of an id, then the normal answer (%s)',
    async (operation) => {
      const id = unique(operation);
      const script: MockScript = { ...answer, error: { name: 'ThrottlingException' }, failFirst: { times: 2, id } };
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const result = await readAll(await send(operation, script));
        statuses.push(result.status);
      }
      const other = await readAll(await send(operation, { ...script, failFirst: { times: 1, id: `${id}-other` } }));
      expect([...statuses, other.status]).toEqual([429, 429, 200, 429]);
      const calls = simulator.calls.filter((call) => {
        const text = JSON.stringify(call.body);
        return text.includes(id) && !text.includes(`${id}-other`);
      });
      expect(calls.map((call) => call.outcome)).toEqual(['error', 'error', 'completed']);
    },
  );
});

describe.each(streamOperations)('stream faults on %s over raw HTTP/1.1', (operation) => {
  it('stallAfterEvents: sends N events, then nothing, never ends; the client leaving is recorded as aborted', async () => {
    const marker = unique('stall');
    const exchange = await send(operation, { ...answer, stallAfterEvents: 2, stopSequence: marker });
    const result = await readAll(exchange, (partial) => partial.eventTypes.length >= 2);
    expect(result.status).toBe(200);
    expect(result.eventTypes).toHaveLength(2);
    // Absence over a short wait: a stall sends nothing more and does not end.
    await delay(150);
    expect(exchange.response.complete).toBe(false);
    expect(callFor(marker)?.outcome).toBe('in_progress');
    exchange.request.destroy();
    expect(await settledOutcome(marker)).toBe('aborted');
  });

  it('resetAfterEvents: sends N events, then resets the connection', async () => {
    const marker = unique('reset');
    const result = await readAll(await send(operation, { ...answer, resetAfterEvents: 3, stopSequence: marker }));
    expect(result.status).toBe(200);
    expect(result.eventTypes).toHaveLength(3);
    expect(result.frameError).toBeUndefined();
    expect(['ECONNRESET', 'aborted']).toContain(result.ending);
    expect(await settledOutcome(marker)).toBe('error');
  });

  it('corruptFrameAfterEvents: sends N events, one frame with a bad message CRC, then ends', async () => {
    const marker = unique('corrupt');
    const result = await readAll(await send(operation, { ...answer, corruptFrameAfterEvents: 2, stopSequence: marker }));
    expect(result.status).toBe(200);
    expect(result.eventTypes).toHaveLength(2);
    expect(result.frameError).toMatch(/checksum/i);
    expect(result.ending).toBe('end');
    expect(await settledOutcome(marker)).toBe('error');
  });

  it('headersThenStallMs: the status and headers arrive at once, the first event after the stall', async () => {
    const exchange = await send(operation, { ...answer, headersThenStallMs: 300 });
    expect(exchange.response.statusCode).toBe(200);
    expect(exchange.response.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    const result = await readAll(exchange);
    expect(result.ending).toBe('end');
    expect((result.firstFrameAt ?? 0) - exchange.headersAt).toBeGreaterThanOrEqual(290);
    expect(result.eventTypes.at(-1)).toBe(operation === 'ConverseStream' ? 'metadata' : 'chunk');
  });

  it('latencyMs: delays the status and headers (the first byte) too', async () => {
    const exchange = await send(operation, { ...answer, latencyMs: 300 });
    expect(exchange.headersAt - exchange.sentAt).toBeGreaterThanOrEqual(290);
    expect((await readAll(exchange)).ending).toBe('end');
  });

  it('stallAfterEvents: 0 sends the status, then nothing', async () => {
    const marker = unique('stall-zero');
    const exchange = await send(operation, { ...answer, stallAfterEvents: 0, stopSequence: marker });
    expect(exchange.response.statusCode).toBe(200);
    exchange.request.destroy();
    expect(await settledOutcome(marker)).toBe('aborted');
  });
});

const transports = [
  { name: 'HTTP/2 (default handler)', handler: () => undefined },
  { name: 'HTTP/1.1 (NodeHttpHandler)', handler: () => new NodeHttpHandler() },
];

describe.each(transports)('the AWS SDK over $name sees the faults', ({ handler }) => {
  const client = () =>
    new BedrockRuntimeClient({ endpoint: simulator.url, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: handler() });

  async function converseStream(script: MockScript): Promise<{ events: ConverseStreamOutput[]; error: unknown }> {
    const events: ConverseStreamOutput[] = [];
    const input = body('ConverseStream', script) as { messages: [] };
    try {
      const response = await client().send(new ConverseStreamCommand({ modelId, messages: input.messages }));
      for await (const event of response.stream ?? []) events.push(event);
      return { events, error: undefined };
    } catch (error) {
      return { events, error };
    }
  }

  async function invokeStream(script: MockScript): Promise<{ events: ResponseStream[]; error: unknown }> {
    const events: ResponseStream[] = [];
    try {
      const response = await client().send(
        new InvokeModelWithResponseStreamCommand({ modelId, body: new TextEncoder().encode(JSON.stringify(body('InvokeModelWithResponseStream', script))) }),
      );
      for await (const event of response.body ?? []) events.push(event);
      return { events, error: undefined };
    } catch (error) {
      return { events, error };
    }
  }

  it.each([
    ['ConverseStream', converseStream],
    ['InvokeModelWithResponseStream', invokeStream],
  ] as const)('%s: a corrupt frame is a checksum error after the good events', async (_operation, collect) => {
    const { events, error } = await collect({ ...answer, corruptFrameAfterEvents: 3 });
    expect(events).toHaveLength(3);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/checksum/i);
  });

  it.each([
    ['ConverseStream', converseStream],
    ['InvokeModelWithResponseStream', invokeStream],
  ] as const)('%s: a reset is an error, never a stream that ends as if it had succeeded', async (_operation, collect) => {
    const { events, error } = await collect({ ...answer, resetAfterEvents: 3 });
    expect(events).toHaveLength(3);
    expect(error).toBeInstanceOf(Error);
  });

  it('a stalled stream abandoned by the client is recorded as aborted', async () => {
    const marker = unique('sdk-stall');
    const controller = new AbortController();
    const input = body('ConverseStream', { ...answer, stallAfterEvents: 2, stopSequence: marker }) as { messages: [] };
    const response = await client().send(new ConverseStreamCommand({ modelId, messages: input.messages }), { abortSignal: controller.signal });
    const received: ConverseStreamOutput[] = [];
    // Over HTTP/2 the SDK ends the iteration quietly on abort, over HTTP/1.1 it throws: either way the reader stops.
    await (async () => {
      for await (const event of response.stream ?? []) {
        received.push(event);
        if (received.length === 2) controller.abort();
      }
    })().catch(() => undefined);
    expect(received).toHaveLength(2);
    expect(await settledOutcome(marker)).toBe('aborted');
  });
});
