import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockRuntime, type BedrockRuntimeOptions } from '../../src/bedrock/create-bedrock-runtime.js';
import { staticCredentials } from '../../src/bedrock/resolve-credentials.js';
import type { BedrockRuntime, ConverseStreamEvent, CountTokensInput } from '../../src/bedrock/types.js';
import { ProxyError } from '../../src/errors.js';
import { createSignatureVerifier } from '../../src/simulator/verify-signature.js';
import { eventFrame, exceptionFrame } from '../support/event-stream-frames.js';
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

const invokeBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
const baseModelId = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const nativeMessage = {
  id: 'msg_bdrk_01AbC',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 1 },
};
const nativeEvents: Array<Record<string, unknown>> = [
  { type: 'message_start', message: { ...nativeMessage, content: [], stop_reason: null } },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
  { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 3, outputTokenCount: 1, invocationLatency: 9, firstByteLatency: 4 } },
];
const chunkFrame = (event: unknown, padding: string): Uint8Array =>
  eventFrame('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64'), p: padding });
const nativeFrames = Buffer.concat(nativeEvents.map((event, index) => chunkFrame(event, 'abcdefghij'.slice(0, index + 1))));

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

async function collect<Event>(eventBatches: AsyncIterable<Event[]>, seen: Event[] = []): Promise<Event[]> {
  for await (const batch of eventBatches) seen.push(...batch);
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
  const requests: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string; raw: Buffer; socket: Socket }> = [];
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
        requests.push({ path: request.url ?? '', headers: request.headers, body: received.toString(), raw: received, socket: request.socket });
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
    expect(await collect(result.eventBatches)).toEqual(streamEvents);
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
    const error = await caught(collect(result.eventBatches, seen));
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
    const calls = [
      (created: BedrockRuntime) => created.converse({ modelId, body }),
      (created: BedrockRuntime) => created.converseStream({ modelId, body }),
      (created: BedrockRuntime) => created.invoke({ modelId, body: invokeBody }),
      (created: BedrockRuntime) => created.invokeStream({ modelId, body: invokeBody }),
      (created: BedrockRuntime) => created.countTokens({ modelId: baseModelId, input: { invokeModel: { body: invokeBody } } }),
    ];
    for (const call of calls) {
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

  it.each(['converse', 'converseStream', 'invoke', 'invokeStream'] as const)('%s: HTTP 200 with UnknownOperationException is BEDROCK_BAD_RESPONSE', async (operation) => {
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
    const error = await caught(collect(result.eventBatches));
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
        for await (const batch of result.eventBatches) {
          seen.push(...batch);
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
    for await (const batch of result.eventBatches) {
      expect(batch).toEqual([{ messageStart: { role: 'assistant' } }]);
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
    await result.eventBatches[Symbol.asyncIterator]().return?.();
    expect(await socketClosed).toBe('closed');
  });
  it('invoke: posts the native body as JSON and returns the parsed Message', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'invoke-1' });
      response.end(JSON.stringify(nativeMessage));
    };
    const result = await runtime().invoke({ modelId, body: invokeBody });
    expect(result).toEqual({ requestId: 'invoke-1', output: nativeMessage });
    const request = requests.at(-1);
    expect(request?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke');
    expect(JSON.parse(request?.body ?? '')).toEqual(invokeBody);
    expect(request?.headers).toMatchObject({ authorization: 'Bearer bedrock-api-key', 'content-type': 'application/json', accept: 'application/json' });
    expect(request?.headers['x-amzn-bedrock-accept']).toBeUndefined();
  });

  it('invoke: a body that is not JSON is BEDROCK_BAD_RESPONSE', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('<html>');
    };
    const error = await caught(runtime().invoke({ modelId, body: invokeBody }));
    expect(error).toMatchObject({ code: 'BEDROCK_BAD_RESPONSE', message: 'Bedrock answered invoke with a body that is not JSON' });
  });

  it('invokeStream: decodes chunk frames written in pieces that split them', async () => {
    handler = (_request, response) => {
      startStream(response);
      void writeInPieces(response, nativeFrames, 29).then(() => response.end());
    };
    const result = await runtime().invokeStream({ modelId, body: invokeBody });
    expect(result.requestId).toBe('stream-1');
    expect(await collect(result.eventBatches)).toEqual(nativeEvents);
    const request = requests.at(-1);
    expect(request?.path).toBe('/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream');
    expect(request?.headers).toMatchObject({ accept: 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-accept': 'application/json' });
    expect(JSON.parse(request?.body ?? '')).toEqual(invokeBody);
  });

  it('invokeStream: an exception frame mid-stream is thrown after the events before it', async () => {
    handler = (_request, response) => {
      startStream(response);
      const frames = Buffer.concat([
        chunkFrame(nativeEvents[0], 'ab'),
        chunkFrame(nativeEvents[2], 'abc'),
        exceptionFrame('modelStreamErrorException', { message: 'Model stream failed', originalStatusCode: 529, originalMessage: 'Overloaded' }),
      ]);
      void writeInPieces(response, frames, 41).then(() => response.end());
    };
    const result = await runtime().invokeStream({ modelId, body: invokeBody });
    const seen: Array<Record<string, unknown>> = [];
    const error = await caught(collect(result.eventBatches, seen));
    expect(seen).toEqual([nativeEvents[0], nativeEvents[2]]);
    expect(error).toMatchObject({ code: 'BEDROCK_STREAM_OVERLOADED', status: 529, message: 'Model stream failed: Overloaded' });
  });

  it('invokeStream: a JSON answer instead of an event stream is BEDROCK_BAD_RESPONSE', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(nativeMessage));
    };
    const error = await caught(runtime().invokeStream({ modelId, body: invokeBody }));
    expect(error).toMatchObject({
      code: 'BEDROCK_BAD_RESPONSE',
      message: 'Bedrock answered invoke-with-response-stream with content-type "application/json" instead of an event stream',
    });
  });

  it.each<[string, CountTokensInput, Record<string, unknown>]>([
    ['converse', { converse: { messages: body.messages, system: [{ text: 'Be brief.' }] } }, { converse: { messages: body.messages, system: [{ text: 'Be brief.' }] } }],
    ['invokeModel', { invokeModel: { body: invokeBody } }, { invokeModel: { body: Buffer.from(JSON.stringify(invokeBody)).toString('base64') } }],
  ])('countTokens: the %s input form on the wire', async (_form, input, wireInput) => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'count-1' });
      response.end(JSON.stringify({ inputTokens: 42 }));
    };
    expect(await runtime().countTokens({ modelId: baseModelId, input })).toEqual({ requestId: 'count-1', inputTokens: 42 });
    const request = requests.at(-1);
    expect(request?.path).toBe('/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens');
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    const sent = JSON.parse(request?.body ?? '') as { input: Record<string, { body?: string }> };
    expect(sent).toEqual({ input: wireInput });
    if ('invokeModel' in input) expect(JSON.parse(Buffer.from(sent.input['invokeModel']?.body ?? '', 'base64').toString('utf8'))).toEqual(invokeBody);
  });

  it.each([{}, { inputTokens: '42' }, { inputTokens: -1 }])('countTokens: an answer without a count (%j) is BEDROCK_BAD_RESPONSE', async (answer) => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    };
    const error = await caught(runtime().countTokens({ modelId: baseModelId, input: { invokeModel: { body: invokeBody } } }));
    expect(error).toMatchObject({ code: 'BEDROCK_BAD_RESPONSE', message: 'Bedrock answered count-tokens without a whole number of inputTokens' });
  });

  it('signs invoke, invokeStream and countTokens with SigV4 over the percent-encoded ARN path', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    const encoded = '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123';
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const signed = runtime({ auth: { kind: 'sigv4', credentials: staticCredentials(credentials.accessKeyId, credentials.secretAccessKey) } });
    const verify = createSignatureVerifier(credentials);
    const answers: Record<string, () => { type: string; body: Uint8Array | string }> = {
      invoke: () => ({ type: 'application/json', body: JSON.stringify(nativeMessage) }),
      'invoke-with-response-stream': () => ({ type: 'application/vnd.amazon.eventstream', body: nativeFrames }),
      'count-tokens': () => ({ type: 'application/json', body: JSON.stringify({ inputTokens: 7 }) }),
    };
    handler = (request, response) => {
      const answer = answers[(request.url ?? '').split('/').at(-1) ?? '']?.();
      response.writeHead(200, { 'content-type': answer?.type ?? 'text/plain' });
      response.end(answer?.body ?? '');
    };
    await signed.invoke({ modelId: arn, body: invokeBody });
    await collect((await signed.invokeStream({ modelId: arn, body: invokeBody })).eventBatches);
    await signed.countTokens({ modelId: arn, input: { invokeModel: { body: invokeBody } } });
    const sent = requests.slice(-3);
    expect(sent.map((request) => request.path)).toEqual([`${encoded}/invoke`, `${encoded}/invoke-with-response-stream`, `${encoded}/count-tokens`]);
    for (const request of sent) {
      expect(request.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=/);
      expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      expect(await verify({ method: 'POST', path: request.path, headers: request.headers, body: request.raw })).toEqual({ valid: true });
    }
    expect(sent[1]?.headers.authorization).toContain('x-amzn-bedrock-accept');
  });
});
