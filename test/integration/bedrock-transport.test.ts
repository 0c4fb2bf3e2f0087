import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockRuntime, type BedrockRuntimeOptions } from '../../src/bedrock/create-bedrock-runtime.js';
import type { BedrockRuntime, ConverseStreamEvent } from '../../src/bedrock/types.js';
import { ProxyError } from '../../src/errors.js';
import { eventFrame } from '../support/event-stream-frames.js';
import { readSharedJson, sharedAvailable } from '../support/shared-fixtures.js';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, body: Buffer) => void;

const body = { messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }] };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const converseOutput = {
  output: { message: { role: 'assistant', content: [{ text: 'Hello' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
  metrics: { latencyMs: 12 },
};

const streamFrames = Buffer.concat([
  eventFrame('messageStart', { p: 'abc', role: 'assistant' }),
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hel' }, p: 'abcdefgh' }),
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'lo' }, p: 'a' }),
  eventFrame('contentBlockStop', { contentBlockIndex: 0, p: 'ab' }),
  eventFrame('messageStop', { p: 'abcd', stopReason: 'end_turn' }),
  eventFrame('metadata', { metrics: { latencyMs: 5 }, p: 'x', usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } }),
]);
const streamEvents: ConverseStreamEvent[] = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'lo' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { metrics: { latencyMs: 5 }, usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } } },
];

function startStream(response: http.ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'stream-1' });
}

/** Writes the bytes in pieces of `size`, each after the previous one was flushed, so the client sees several chunks. */
async function writeInPieces(response: http.ServerResponse, bytes: Uint8Array, size: number): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    await new Promise<void>((resolve) => response.write(bytes.subarray(offset, offset + size), () => resolve()));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function collect(events: AsyncIterable<ConverseStreamEvent>, seen: ConverseStreamEvent[] = []): Promise<ConverseStreamEvent[]> {
  for await (const event of events) seen.push(event);
  return seen;
}

function waitFor(emitter: Socket, event: 'close', limitMs: number): Promise<'closed' | 'still open'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still open'), limitMs);
    emitter.once(event, () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

describe('Bedrock transport against a local stand-in for Bedrock', () => {
  let server: http.Server;
  let endpoint: string;
  let handler: Handler;
  const sockets: Socket[] = [];
  const requests: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string; socket: Socket }> = [];
  const runtimes: BedrockRuntime[] = [];

  const runtime = (overrides: Partial<BedrockRuntimeOptions> = {}): BedrockRuntime => {
    const created = createBedrockRuntime({ region: 'us-east-1', endpoint, auth: { kind: 'bearer', token: 'bedrock-api-key' }, ...overrides });
    runtimes.push(created);
    return created;
  };

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = Buffer.concat(chunks);
        requests.push({ path: request.url ?? '', headers: request.headers, body: received.toString(), socket: request.socket });
        handler(request, response, received);
      });
    });
    server.on('connection', (socket: Socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((created) => created.close().catch(() => undefined)));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('converse: sends the encoded model path, JSON headers and the bearer key, and returns the parsed output', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'abc-123' });
      response.end(JSON.stringify(converseOutput));
    };
    const result = await runtime().converse({ modelId, body });
    expect(result).toEqual({ requestId: 'abc-123', output: converseOutput });
    const request = requests.at(-1);
    expect(request?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    expect(JSON.parse(request?.body ?? '')).toEqual(body);
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer bedrock-api-key',
      'content-type': 'application/json',
      accept: 'application/json',
      host: new URL(endpoint).host,
      'content-length': String(Buffer.byteLength(JSON.stringify(body))),
    });
    expect(request?.headers['x-amz-date']).toBeUndefined();
  });

  it('converseStream: decodes frames written in several chunks', async () => {
    handler = (_request, response) => {
      startStream(response);
      void writeInPieces(response, streamFrames, 37).then(() => response.end());
    };
    const result = await runtime().converseStream({ modelId, body });
    expect(result.requestId).toBe('stream-1');
    expect(await collect(result.events)).toEqual(streamEvents);
    expect(requests.at(-1)?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream');
    expect(requests.at(-1)?.headers.accept).toBe('application/vnd.amazon.eventstream');
  });

  it('converseStream: a body that stops inside a frame is STREAM_INCOMPLETE', async () => {
    handler = (_request, response) => {
      startStream(response);
      response.end(streamFrames.subarray(0, streamFrames.length - 10));
    };
    const result = await runtime().converseStream({ modelId, body });
    const seen: ConverseStreamEvent[] = [];
    const error = await caught(collect(result.events, seen));
    expect(seen).toEqual(streamEvents.slice(0, 5));
    expect(error).toMatchObject({ code: 'STREAM_INCOMPLETE' });
  });

  it.each([
    [400, 'ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/', { message: 'messages.1 is empty' }, 'BEDROCK_VALIDATION', 400, 'messages.1 is empty'],
    [403, 'AccessDeniedException', { message: "You don't have access" }, 'BEDROCK_ACCESS_DENIED', 403, "You don't have access"],
    [404, 'ResourceNotFoundException', { message: 'Model not found' }, 'BEDROCK_NOT_FOUND', 404, 'Model not found'],
    [429, 'ThrottlingException', { message: 'Too many requests' }, 'BEDROCK_THROTTLED', 429, 'Too many requests'],
    [400, 'ServiceQuotaExceededException', { message: 'Quota' }, 'BEDROCK_QUOTA_EXCEEDED', 429, 'Quota'],
    [408, 'ModelTimeoutException', { message: 'Timed out' }, 'BEDROCK_MODEL_TIMEOUT', 504, 'Timed out'],
    [429, 'ModelNotReadyException', { message: 'Not ready' }, 'BEDROCK_MODEL_NOT_READY', 529, 'Not ready'],
    [424, 'ModelErrorException', { message: 'Bad input', originalStatusCode: 400 }, 'BEDROCK_MODEL_ERROR_CLIENT', 400, 'Bad input'],
    [424, 'ModelErrorException', { message: 'Model broke', originalStatusCode: 500 }, 'BEDROCK_MODEL_ERROR', 500, 'Model broke'],
    [503, 'ServiceUnavailableException', { message: 'Unavailable' }, 'BEDROCK_UNAVAILABLE', 529, 'Unavailable'],
    [500, 'InternalServerException', { Message: 'Internal' }, 'BEDROCK_INTERNAL', 500, 'Internal'],
    [400, undefined, { __type: 'com.amazon.coral.validate#ValidationException', message: 'from body type' }, 'BEDROCK_VALIDATION', 400, 'from body type'],
  ] as const)('HTTP %i %s → %s', async (status, errorType, errorBody, code, proxyStatus, message) => {
    handler = (_request, response) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
      });
      response.end(JSON.stringify(errorBody));
    };
    for (const call of [(created: BedrockRuntime) => created.converse({ modelId, body }), (created: BedrockRuntime) => created.converseStream({ modelId, body })]) {
      const error = await caught(call(runtime()));
      expect(error).toBeInstanceOf(ProxyError);
      expect(error).toMatchObject({ code, status: proxyStatus, message });
    }
  });

  it('maps a rejected signature to BEDROCK_CREDENTIALS', async () => {
    handler = (_request, response) => {
      response.writeHead(403, { 'x-amzn-errortype': 'UnrecognizedClientException:http://internal.amazon.com/coral/com.amazon.coral.service/' });
      response.end(JSON.stringify({ message: 'The security token included in the request is invalid.' }));
    };
    const error = await caught(runtime().converse({ modelId, body }));
    expect(error).toMatchObject({ code: 'BEDROCK_CREDENTIALS', status: 500 });
    expect((error as Error).message).toContain("proxy's own AWS credentials");
  });

  it('passes retry-after of a throttled call on', async () => {
    handler = (_request, response) => {
      response.writeHead(429, { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '3' });
      response.end(JSON.stringify({ message: 'Rate exceeded' }));
    };
    const error = await caught(runtime().converse({ modelId, body }));
    expect(error).toMatchObject({ code: 'BEDROCK_THROTTLED', retryAfterSeconds: 3 });
  });

  it.each(['converse', 'converseStream'] as const)('%s: HTTP 200 with UnknownOperationException is BEDROCK_BAD_RESPONSE', async (operation) => {
    const unknownOperation = sharedAvailable
      ? readSharedJson('bedrock-recorded/issue-17523-unknown-operation.json')
      : { Output: { __type: 'com.amazon.coral.service#UnknownOperationException' }, Version: '1.0' };
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(unknownOperation));
    };
    const error = await caught(runtime()[operation]({ modelId, body }));
    expect(error).toMatchObject({ code: 'BEDROCK_BAD_RESPONSE', status: 502 });
    expect((error as Error).message).toContain('UnknownOperationException');
    expect((error as Error).message).toContain('not percent-encoded');
  });

  it('a refused connection is BEDROCK_UNREACHABLE with the cause', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(runtime({ endpoint: `http://127.0.0.1:${port}` }).converse({ modelId, body }));
    expect(error).toMatchObject({ code: 'BEDROCK_UNREACHABLE', status: 502 });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(((error as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('no response headers within headersTimeoutMs is UPSTREAM_TIMEOUT', async () => {
    handler = () => undefined;
    const error = await caught(runtime({ headersTimeoutMs: 150 }).converse({ modelId, body }));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
    expect((error as Error).message).toBe('Bedrock sent no response headers within 150 ms');
  });

  it('a stream that stalls past bodyTimeoutMs is UPSTREAM_TIMEOUT after the events already sent', async () => {
    handler = (_request, response) => {
      startStream(response);
      response.write(streamFrames.subarray(0, 40));
    };
    const result = await runtime({ bodyTimeoutMs: 150 }).converseStream({ modelId, body });
    const error = await caught(collect(result.events));
    expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect((error as Error).message).toBe('Bedrock sent nothing for 150 ms while responding');
  });

  it('aborting the signal mid-stream rethrows the abort and closes the socket', async () => {
    handler = (_request, response) => {
      startStream(response);
      response.write(eventFrame('messageStart', { role: 'assistant' }));
    };
    const controller = new AbortController();
    const result = await runtime().converseStream({ modelId, body, signal: controller.signal });
    const socket = requests.at(-1)?.socket as Socket;
    const socketClosed = waitFor(socket, 'close', 1_000);
    const reason = new Error('client went away');
    const seen: ConverseStreamEvent[] = [];
    const error = await caught(
      (async () => {
        for await (const event of result.events) {
          seen.push(event);
          controller.abort(reason);
        }
      })(),
    );
    expect(seen).toEqual([{ messageStart: { role: 'assistant' } }]);
    expect(error).toBe(reason);
    expect(await socketClosed).toBe('closed');
  });

  it('an already aborted signal rethrows the abort before sending', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    const before = requests.length;
    expect(await caught(runtime().converse({ modelId, body, signal: controller.signal }))).toBe(reason);
    expect(requests.length).toBe(before);
  });

  it('breaking out of the loop releases the connection for the next call', async () => {
    handler = (_request, response) => {
      startStream(response);
      response.write(eventFrame('messageStart', { role: 'assistant' }));
    };
    const single = runtime({ connections: 1 });
    const result = await single.converseStream({ modelId, body });
    const socketClosed = waitFor(requests.at(-1)?.socket as Socket, 'close', 1_000);
    for await (const event of result.events) {
      expect(event).toEqual({ messageStart: { role: 'assistant' } });
      break;
    }
    expect(await socketClosed).toBe('closed');
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'after-break' });
      response.end(JSON.stringify(converseOutput));
    };
    expect((await single.converse({ modelId, body })).requestId).toBe('after-break');
  });

  it('reuses its keep-alive connection for consecutive calls', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'keep-alive' });
      response.end(JSON.stringify(converseOutput));
    };
    const shared = runtime({ connections: 1 });
    const before = requests.length;
    for (let index = 0; index < 5; index += 1) await shared.converse({ modelId, body });
    expect(new Set(requests.slice(before).map((request) => request.socket)).size).toBe(1);
  });

  it('returning from the iterator before iterating releases the connection', async () => {
    handler = (_request, response) => {
      startStream(response);
      response.write(eventFrame('messageStart', { role: 'assistant' }));
    };
    const result = await runtime().converseStream({ modelId, body });
    const socketClosed = waitFor(requests.at(-1)?.socket as Socket, 'close', 1_000);
    await result.events[Symbol.asyncIterator]().return?.();
    expect(await socketClosed).toBe('closed');
  });
});
