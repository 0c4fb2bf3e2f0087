import http from 'node:http';
import {
  BedrockRuntimeClient,
  CountTokensCommand,
  InternalServerException,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ModelErrorException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBedrockSimulator, type BedrockSimulator } from '../../src/simulator/index.js';

const credentials = { accessKeyId: 'AKIASIMULATORTEST000', secretAccessKey: 'simulator-test-secret' };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const baseModelId = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const timeTool = {
  name: 'get_time',
  description: 'The time in a zone',
  input_schema: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
};

type NativeBody = Record<string, unknown>;
type NativeEvent = Record<string, unknown> & { type: string };
type NativeMessage = {
  id: string;
  model: string;
  content: Array<Record<string, unknown>>;
  stop_reason: string;
  stop_sequence: string | null;
  usage: Record<string, unknown>;
};

let simulator: BedrockSimulator;
beforeAll(async () => {
  simulator = await startBedrockSimulator({ credentials });
});
afterAll(async () => {
  await simulator.close();
});

function nativeBody(directive: string, extra: NativeBody = {}): NativeBody {
  return {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 1024,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Please answer.' }, { type: 'text', text: `MOCK_BEDROCK: ${directive}` }] }],
    ...extra,
  };
}

function encode(body: NativeBody): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(body));
}

async function invoke(client: BedrockRuntimeClient, body: NativeBody, model = modelId): Promise<NativeMessage> {
  const response = await client.send(new InvokeModelCommand({ modelId: model, contentType: 'application/json', body: encode(body) }));
  expect(response.contentType).toBe('application/json');
  return JSON.parse(new TextDecoder().decode(response.body)) as NativeMessage;
}

async function invokeStream(client: BedrockRuntimeClient, body: NativeBody): Promise<NativeEvent[]> {
  const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', body: encode(body) }));
  const events: NativeEvent[] = [];
  for await (const part of response.body ?? []) {
    if (part.chunk?.bytes !== undefined) events.push(JSON.parse(new TextDecoder().decode(part.chunk.bytes)) as NativeEvent);
  }
  return events;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (caught: unknown) => caught,
  );
}

const types = (events: NativeEvent[]): string[] => events.map((event) => event.type);
const deltas = (events: NativeEvent[], index: number): Array<Record<string, unknown>> =>
  events.flatMap((event) => (event.type === 'content_block_delta' && event['index'] === index ? [event['delta'] as Record<string, unknown>] : []));
const joined = (events: NativeEvent[], index: number, field: string): string => deltas(events, index).map((delta) => String(delta[field] ?? '')).join('');

const transports = [
  {
    name: 'HTTP/2 (default handler)',
    client: () => new BedrockRuntimeClient({ endpoint: simulator.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  },
  {
    name: 'HTTP/1.1 (NodeHttpHandler)',
    client: () =>
      new BedrockRuntimeClient({ endpoint: simulator.url, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: new NodeHttpHandler() }),
  },
];

describe.each(transports)('InvokeModel, InvokeModelWithResponseStream and CountTokens over $name', ({ name, client: makeClient }) => {
  let client: BedrockRuntimeClient;
  beforeAll(() => {
    client = makeClient();
  });
  afterAll(() => {
    client.destroy();
  });

  it('answers InvokeModel with an Anthropic message and estimated usage', async () => {
    const message = await invoke(client, nativeBody('text'));
    expect(message).toEqual({
      id: expect.stringMatching(/^msg_bdrk_01[A-Za-z0-9]{24}$/),
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'This is a scripted answer from the Bedrock simulator.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      // 'Please answer.' + 'MOCK_BEDROCK: text' = 32 characters → 8 tokens; 53 characters out → 14 tokens.
      usage: { input_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 14 },
    });
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'InvokeModel', modelId, status: 200, outcome: 'completed' });
  });

  it('streams Anthropic events in chunk frames: message_delta usage holds only output_tokens, metrics on message_stop', async () => {
    const events = await invokeStream(client, nativeBody('text'));
    expect(types(events)).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(7).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]).toEqual({
      type: 'message_start',
      message: {
        id: expect.stringMatching(/^msg_bdrk_01/),
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
      },
    });
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(joined(events, 0, 'text')).toBe('This is a scripted answer from the Bedrock simulator.');
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 14 } });
    expect(events.at(-1)).toEqual({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 8, outputTokenCount: 14, invocationLatency: 1, firstByteLatency: 1 },
    });
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'InvokeModelWithResponseStream', status: 200, outcome: 'completed' });
  });

  it('calls the first tool with a toolu_bdrk_ id and an input built from its schema', async () => {
    const body = nativeBody('tool_use', { tools: [timeTool] });
    const message = await invoke(client, body);
    expect(message.content).toEqual([
      { type: 'text', text: 'I will call get_time.' },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_bdrk_01[A-Za-z0-9]{24}$/), name: 'get_time', input: { zone: 'example' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');

    const events = await invokeStream(client, body);
    const start = events.find((event) => event.type === 'content_block_start' && event['index'] === 1);
    expect(start?.['content_block']).toEqual({ type: 'tool_use', id: expect.stringMatching(/^toolu_bdrk_01/), name: 'get_time', input: {} });
    expect(JSON.parse(joined(events, 1, 'partial_json'))).toEqual({ zone: 'example' });
    expect(events.at(-2)?.['delta']).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('returns thinking with a signature, then text', async () => {
    const thought = 'The user wants an answer. I will think it through step by step before replying.';
    const message = await invoke(client, nativeBody('thinking'));
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: thought, signature: expect.stringMatching(/^[A-Za-z0-9+/]{256}$/) });
    expect(message.content[1]).toEqual({ type: 'text', text: 'Here is my answer after thinking it through.' });

    const events = await invokeStream(client, nativeBody('thinking'));
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(joined(events, 0, 'thinking')).toBe(thought);
    expect(deltas(events, 0).at(-1)).toEqual({ type: 'signature_delta', signature: expect.stringMatching(/^[A-Za-z0-9+/]{256}$/) });
  });

  it('returns redacted thinking whole, in the block start when streamed', async () => {
    const data = Buffer.from('opaque reasoning bytes from the Bedrock simulator').toString('base64');
    const message = await invoke(client, nativeBody('redacted_thinking'));
    expect(message.content[0]).toEqual({ type: 'redacted_thinking', data });

    const events = await invokeStream(client, nativeBody('redacted_thinking'));
    expect(events.slice(1, 3)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data } },
      { type: 'content_block_stop', index: 0 },
    ]);
  });

  it('cites the first document by character location', async () => {
    const body: NativeBody = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 512,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', title: 'weather notes', source: { type: 'text', media_type: 'text/plain', data: 'The sky is blue today.' }, citations: { enabled: true } },
            { type: 'text', text: 'What colour is the sky?' },
            { type: 'text', text: 'MOCK_BEDROCK: citations' },
          ],
        },
      ],
    };
    const citation = {
      type: 'char_location',
      cited_text: 'The sky is blue today.',
      document_index: 0,
      document_title: 'weather notes',
      start_char_index: 0,
      end_char_index: 22,
    };
    const message = await invoke(client, body);
    expect(message.content).toEqual([
      { type: 'text', text: 'According to the document, ' },
      { type: 'text', text: 'The sky is blue today.', citations: [citation] },
      { type: 'text', text: '.' },
    ]);

    const events = await invokeStream(client, body);
    expect(deltas(events, 1)[0]).toEqual({ type: 'citations_delta', citation });
    expect(joined(events, 1, 'text')).toBe('The sky is blue today.');
  });

  it('stops before the first stop sequence and names it', async () => {
    const body = nativeBody('stop_sequence', { stop_sequences: ['STOP'] });
    const message = await invoke(client, body);
    expect(message.content).toEqual([{ type: 'text', text: 'Counting: one, two, ' }]);
    expect([message.stop_reason, message.stop_sequence]).toEqual(['stop_sequence', 'STOP']);

    const events = await invokeStream(client, body);
    expect(joined(events, 0, 'text')).toBe('Counting: one, two, ');
    expect(events.at(-2)?.['delta']).toEqual({ stop_reason: 'stop_sequence', stop_sequence: 'STOP' });
  });

  it('cuts a long answer at max_tokens', async () => {
    const body = nativeBody('max_tokens', { max_tokens: 10 });
    const message = await invoke(client, body);
    expect(message.content).toEqual([{ type: 'text', text: 'The simulator keeps talking so that this' }]);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage['output_tokens']).toBe(10);

    const events = await invokeStream(client, body);
    expect(events.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 10 } });
  });

  it('reports scripted cache usage, with cache_creation per TTL', async () => {
    const message = await invoke(client, nativeBody('cache'));
    expect(message.usage).toEqual({
      input_tokens: 9,
      cache_creation_input_tokens: 512,
      cache_read_input_tokens: 1024,
      output_tokens: 10,
      cache_creation: { ephemeral_5m_input_tokens: 512, ephemeral_1h_input_tokens: 0 },
    });
    const events = await invokeStream(client, nativeBody('cache'));
    expect((events[0]?.['message'] as NativeMessage).usage).toMatchObject({ cache_read_input_tokens: 1024, cache_creation_input_tokens: 512, output_tokens: 1 });
  });

  it('writes a cache_control prefix the first time and reads it afterwards', async () => {
    const systemText = `A long and stable system prompt for the native API over ${name}.`.repeat(10);
    const body: NativeBody = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      system: [{ type: 'text', text: systemText, cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Hello' }],
    };
    const first = await invoke(client, body);
    const second = await invoke(client, body);
    const prefixTokens = Math.ceil(systemText.length / 4);
    expect(first.usage).toMatchObject({ input_tokens: 2, cache_creation_input_tokens: prefixTokens, cache_read_input_tokens: 0 });
    expect(second.usage).toMatchObject({ input_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: prefixTokens });
  });

  it('paces a scripted stream and reports its latency in the metrics', async () => {
    const script = JSON.stringify({ content: [{ text: 'abcdefghij' }], latencyMs: 20, eventDelayMs: 2, deltaSize: 4 });
    const events = await invokeStream(client, nativeBody(script));
    expect(deltas(events, 0)).toEqual([
      { type: 'text_delta', text: 'abcd' },
      { type: 'text_delta', text: 'efgh' },
      { type: 'text_delta', text: 'ij' },
    ]);
    // 8 events, each after a 2 ms pause, after 20 ms to the first byte; 10 characters out → 3 tokens.
    const inputTokens = Math.ceil(('Please answer.'.length + `MOCK_BEDROCK: ${script}`.length) / 4);
    expect(events.at(-1)?.['amazon-bedrock-invocationMetrics']).toEqual({
      inputTokenCount: inputTokens,
      outputTokenCount: 3,
      invocationLatency: 36,
      firstByteLatency: 20,
    });
  });

  it.each([
    ['throttle', ThrottlingException, 429],
    ['unavailable', ServiceUnavailableException, 503],
    ['internal_error', InternalServerException, 500],
    ['model_timeout', ModelTimeoutException, 408],
    ['stream_exception', ModelErrorException, 424],
  ] as const)('surfaces the %s preset on InvokeModel as the SDK exception class', async (preset, exceptionClass, status) => {
    const error = await failure(invoke(client, nativeBody(preset)));
    expect(error).toBeInstanceOf(exceptionClass);
    expect((error as InstanceType<typeof exceptionClass>).$metadata.httpStatusCode).toBe(status);
  });

  it('surfaces an error preset on the stream operation before the stream starts', async () => {
    const error = await failure(invokeStream(client, nativeBody('throttle')));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'InvokeModelWithResponseStream', status: 429, outcome: 'error' });
  });

  it('throws a mid-stream modelStreamErrorException from the SDK iterator', async () => {
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', body: encode(nativeBody('stream_exception')) }),
    );
    const received: string[] = [];
    const error = await failure(
      (async () => {
        for await (const part of response.body ?? []) {
          if (part.chunk?.bytes !== undefined) received.push((JSON.parse(new TextDecoder().decode(part.chunk.bytes)) as NativeEvent).type);
        }
      })(),
    );
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect((error as ModelStreamErrorException).originalStatusCode).toBe(500);
    expect(received).toEqual(['message_start', 'content_block_start', 'content_block_delta']);
    expect(simulator.calls.at(-1)?.outcome).toBe('error');
  });

  const systemRoleBody: NativeBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 100,
    messages: [
      { role: 'user', content: 'hi' },
      { role: 'system', content: [{ type: 'text', text: 'be brief' }] },
    ],
  };
  it.each([
    ['model', nativeBody('text', { model: 'claude-sonnet-4-5' }), 'model: Extra inputs are not permitted'],
    ['stream', nativeBody('text', { stream: true }), 'stream: Extra inputs are not permitted'],
    ['an unknown key', nativeBody('text', { speed: 'fast' }), 'speed: Extra inputs are not permitted'],
    ['defer_loading on a tool', nativeBody('text', { tools: [{ ...timeTool, defer_loading: true }] }), 'tools.0.custom.defer_loading: Extra inputs are not permitted'],
    ['a beta Bedrock does not know', nativeBody('text', { anthropic_beta: ['claude-code-20250219'] }), 'invalid beta flag: claude-code-20250219'],
    [
      'cache_control.scope',
      nativeBody('text', { system: [{ type: 'text', text: 'stable', cache_control: { type: 'ephemeral', scope: 'global' } }] }),
      'system.0.cache_control.ephemeral.scope: Extra inputs are not permitted',
    ],
    [
      'clear_thinking context management',
      nativeBody('text', { context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] } }),
      'context_management: Extra inputs are not permitted',
    ],
    ['a system role', systemRoleBody, "messages.1.role: Input should be 'user' or 'assistant'"],
  ])('rejects %s with the exact message', async (_name, body, message) => {
    const error = await failure(invoke(client, body));
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(message);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  it('rejects a non-Claude model on InvokeModel', async () => {
    const error = await failure(invoke(client, nativeBody('text'), 'amazon.nova-lite-v1:0'));
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toMatch(/^Malformed input request: .*amazon\.nova-lite-v1:0 is not a Claude model id/);
  });

  const converseMessages: Message[] = [{ role: 'user', content: [{ text: 'How many tokens is this sentence?' }] }];
  const invokeBody: NativeBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 100,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'How many tokens is this sentence?' }] }],
  };

  it('counts the same tokens for both input forms of a base model id', async () => {
    const converse = await client.send(new CountTokensCommand({ modelId: baseModelId, input: { converse: { messages: converseMessages } } }));
    const native = await client.send(new CountTokensCommand({ modelId: baseModelId, input: { invokeModel: { body: encode(invokeBody) } } }));
    // 33 characters → 9 tokens.
    expect(converse.inputTokens).toBe(9);
    expect(native.inputTokens).toBe(9);
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'CountTokens', modelId: baseModelId, status: 200, outcome: 'completed' });
  });

  it('plays a script in the counted input: its error, or its inputTokens', async () => {
    const scripted = (directive: string): Message[] => [{ role: 'user', content: [{ text: 'Count me.' }, { text: `MOCK_BEDROCK: ${directive}` }] }];
    const error = await failure(client.send(new CountTokensCommand({ modelId: baseModelId, input: { converse: { messages: scripted('throttle') } } })));
    expect(error).toBeInstanceOf(ThrottlingException);
    const counted = await client.send(
      new CountTokensCommand({ modelId: baseModelId, input: { converse: { messages: scripted('{"usage":{"inputTokens":4242}}') } } }),
    );
    expect(counted.inputTokens).toBe(4242);
  });

  it.each([
    ['converse', { converse: { messages: converseMessages } }],
    ['invokeModel', { invokeModel: { body: encode(invokeBody) } }],
  ] as const)('refuses a geo-prefixed model id for the %s form', async (_form, input) => {
    const error = await failure(client.send(new CountTokensCommand({ modelId, input })));
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe("The provided model doesn't support counting tokens.");
  });

  it.each([
    ['an invokeModel body without max_tokens', { invokeModel: { body: encode({ ...invokeBody, max_tokens: undefined }) } }, 'max_tokens: Field required'],
    [
      'a converse input with blank text',
      { converse: { messages: [{ role: 'user' as const, content: [{ text: '  ' }] }] } },
      'The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.',
    ],
  ])('validates %s', async (_name, input, message) => {
    const error = await failure(client.send(new CountTokensCommand({ modelId: baseModelId, input })));
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(message);
  });

  it('refuses an invocation signed with the wrong secret', async () => {
    const wrong = new BedrockRuntimeClient({
      endpoint: simulator.url,
      region: 'eu-west-1',
      credentials: { ...credentials, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
      ...(name.startsWith('HTTP/1.1') ? { requestHandler: new NodeHttpHandler() } : {}),
    });
    const error = await failure(invoke(wrong, nativeBody('text')));
    wrong.destroy();
    expect((error as Error).name).toBe('InvalidSignatureException');
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(403);
  });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function rawPost(path: string, body: NativeBody): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${simulator.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer key', 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify(body));
  });
}

function decodeFrames(body: Buffer): Array<{ headers: Record<string, unknown>; payload: Record<string, unknown> }> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames: Array<{ headers: Record<string, unknown>; payload: Record<string, unknown> }> = [];
  let offset = 0;
  for (let guard = 0; guard < 1000 && offset < body.length; guard += 1) {
    const length = body.readUInt32BE(offset);
    const message = codec.decode(body.subarray(offset, offset + length));
    const headers = Object.fromEntries(Object.entries(message.headers).map(([name, header]) => [name, header.value]));
    frames.push({ headers, payload: JSON.parse(toUtf8(message.body)) as Record<string, unknown> });
    offset += length;
  }
  return frames;
}

describe('InvokeModel over raw HTTP', () => {
  it('sends the token-count and latency headers beside the message', async () => {
    const response = await rawPost(`/model/${encodeURIComponent(modelId)}/invoke`, nativeBody('cache'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-amzn-bedrock-input-token-count']).toBe('9');
    expect(response.headers['x-amzn-bedrock-output-token-count']).toBe('10');
    expect(response.headers['x-amzn-bedrock-invocation-latency']).toBe('1');
    expect(response.headers['x-amzn-bedrock-cache-read-input-token-count']).toBe('1024');
    expect(response.headers['x-amzn-bedrock-cache-write-input-token-count']).toBe('512');
  });

  it('frames each stream event as a padded chunk holding base64 JSON', async () => {
    const response = await rawPost(`/model/${encodeURIComponent(modelId)}/invoke-with-response-stream`, nativeBody('text'));
    expect(response.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    expect(response.headers['x-amzn-bedrock-content-type']).toBe('application/json');
    const frames = decodeFrames(response.body);
    expect(frames).toHaveLength(12);
    for (const frame of frames) {
      expect(frame.headers).toEqual({ ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' });
      expect(Object.keys(frame.payload)).toEqual(['bytes', 'p']);
      expect(frame.payload['p']).toMatch(/^[a-zA-Z0-9]+$/);
    }
    const first = JSON.parse(Buffer.from(String(frames[0]?.payload['bytes']), 'base64').toString('utf8')) as NativeEvent;
    expect(first.type).toBe('message_start');
  });

  it('records an aborted call when the client disconnects mid-stream', async () => {
    const script = JSON.stringify({ content: [{ text: 'z'.repeat(400) }], eventDelayMs: 100 });
    const firstChunk = await new Promise<number>((resolve, reject) => {
      const outgoing = http.request(`${simulator.url}/model/anthropic.abort-test/invoke-with-response-stream`, {
        method: 'POST',
        headers: { authorization: 'Bearer key' },
      });
      outgoing.on('response', (response) => {
        response.once('data', (chunk: Buffer) => {
          resolve(chunk.length);
          outgoing.destroy();
        });
      });
      outgoing.on('error', () => undefined);
      outgoing.on('close', () => reject(new Error('closed before any data')));
      outgoing.end(JSON.stringify(nativeBody(script)));
    });
    expect(firstChunk).toBeGreaterThan(0);
    const call = simulator.calls.findLast((recorded) => recorded.modelId === 'anthropic.abort-test');
    await vi.waitFor(() => expect(call?.outcome).toBe('aborted'), { timeout: 1000, interval: 20 });
    expect(call?.operation).toBe('InvokeModelWithResponseStream');
  });

  it('answers the slow preset after its latency', async () => {
    const response = await rawPost(`/model/${encodeURIComponent(modelId)}/invoke`, nativeBody('slow'));
    expect(response.headers['x-amzn-bedrock-invocation-latency']).toBe('1500');
    expect((JSON.parse(response.body.toString('utf8')) as NativeMessage).content).toEqual([{ type: 'text', text: 'This answer took its time.' }]);
  });

  it('refuses CountTokens with an inference-profile ARN', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    const body = { input: { converse: { messages: [{ role: 'user', content: [{ text: 'hi' }] }] } } };
    const response = await rawPost(`/model/${encodeURIComponent(arn)}/count-tokens`, body);
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ message: "The provided model doesn't support counting tokens." });
  });

  it('refuses CountTokens with both input forms at once', async () => {
    const body = { input: { converse: { messages: [] }, invokeModel: { body: 'e30=' } } };
    const response = await rawPost(`/model/${baseModelId}/count-tokens`, body);
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({
      message: 'Malformed input request: the union at input must set exactly one member (found 2), please reformat your input and try again.',
    });
  });
});
