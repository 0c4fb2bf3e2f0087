import http from 'node:http';
import http2 from 'node:http2';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  ModelErrorException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ConverseCommandInput,
  type ConverseStreamOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBedrockSimulator, type BedrockSimulator } from '../../src/simulator/index.js';

const credentials = { accessKeyId: 'AKIASIMULATORTEST000', secretAccessKey: 'simulator-test-secret' };
const modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const weatherTool = {
  toolSpec: {
    name: 'get_time',
    inputSchema: { json: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] } },
  },
};

let simulator: BedrockSimulator;
beforeAll(async () => {
  simulator = await startBedrockSimulator({ credentials });
});
afterAll(async () => {
  await simulator.close();
});

function user(...texts: string[]): Message {
  return { role: 'user', content: texts.map((text) => ({ text })) };
}

function request(directive: string, extra: Partial<ConverseCommandInput> = {}): ConverseCommandInput {
  return { modelId, messages: [user('Please answer.', `MOCK_BEDROCK: ${directive}`)], ...extra };
}

async function collect(client: BedrockRuntimeClient, input: ConverseCommandInput): Promise<ConverseStreamOutput[]> {
  const response = await client.send(new ConverseStreamCommand(input));
  const events: ConverseStreamOutput[] = [];
  for await (const event of response.stream ?? []) events.push(event);
  return events;
}

function eventNames(events: ConverseStreamOutput[]): string[] {
  return events.map((event) => Object.keys(event).find((key) => key !== '$unknown') ?? '?');
}

function streamedText(events: ConverseStreamOutput[]): string {
  return events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
}

const transports = [
  {
    name: 'HTTP/2 (default handler)',
    client: () => new BedrockRuntimeClient({ endpoint: simulator.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  },
  {
    name: 'HTTP/1.1 (NodeHttpHandler)',
    client: () =>
      new BedrockRuntimeClient({
        endpoint: simulator.url,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler(),
      }),
  },
];

describe.each(transports)('Bedrock simulator through the AWS SDK over $name', ({ name, client: makeClient }) => {
  let client: BedrockRuntimeClient;
  beforeAll(() => {
    client = makeClient();
  });
  afterAll(() => {
    client.destroy();
  });

  it('answers Converse with the text preset and estimated usage', async () => {
    const response = await client.send(new ConverseCommand(request('text')));
    expect(response.output?.message).toEqual({
      role: 'assistant',
      content: [{ text: 'This is a scripted answer from the Bedrock simulator.' }],
    });
    expect(response.stopReason).toBe('end_turn');
    // 'Please answer.' + 'MOCK_BEDROCK: text' = 32 characters → 8 tokens; 53 characters out → 14 tokens.
    expect(response.usage).toEqual({ inputTokens: 8, outputTokens: 14, totalTokens: 22 });
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(response.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes the last user text when there is no directive', async () => {
    const response = await client.send(new ConverseCommand({ modelId, messages: [user(`hello over ${name}`)] }));
    expect(response.output?.message?.content).toEqual([{ text: `Hello from the Bedrock simulator. You said: hello over ${name}` }]);
  });

  it('streams text in Bedrock order: no contentBlockStart, metadata last', async () => {
    const events = await collect(client, request('text'));
    const names = eventNames(events);
    expect(names[0]).toBe('messageStart');
    expect(names).not.toContain('contentBlockStart');
    expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(streamedText(events)).toBe('This is a scripted answer from the Bedrock simulator.');
    expect(events.at(-2)?.messageStop).toEqual({ stopReason: 'end_turn' });
    expect(events.at(-1)?.metadata?.usage).toEqual({ inputTokens: 8, outputTokens: 14, totalTokens: 22 });
  });

  it('calls the first tool with an input built from its schema', async () => {
    const input = request('tool_use', { toolConfig: { tools: [weatherTool] } });
    const response = await client.send(new ConverseCommand(input));
    const [text, toolBlock] = response.output?.message?.content ?? [];
    expect(text).toEqual({ text: 'I will call get_time.' });
    expect(toolBlock?.toolUse?.name).toBe('get_time');
    expect(toolBlock?.toolUse?.input).toEqual({ zone: 'example' });
    expect(toolBlock?.toolUse?.toolUseId).toMatch(/^tooluse_[A-Za-z0-9_-]{22}$/);
    expect(response.stopReason).toBe('tool_use');

    const events = await collect(client, input);
    const start = events.find((event) => event.contentBlockStart !== undefined)?.contentBlockStart;
    expect(start?.contentBlockIndex).toBe(1);
    expect(start?.start?.toolUse?.name).toBe('get_time');
    const json = events.map((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? '').join('');
    expect(JSON.parse(json)).toEqual({ zone: 'example' });
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('returns reasoning with a signature, then text', async () => {
    const response = await client.send(new ConverseCommand(request('thinking')));
    const [reasoning, text] = response.output?.message?.content ?? [];
    expect(reasoning?.reasoningContent?.reasoningText?.text).toBe(
      'The user wants an answer. I will think it through step by step before replying.',
    );
    expect(reasoning?.reasoningContent?.reasoningText?.signature?.length).toBe(256);
    expect(text).toEqual({ text: 'Here is my answer after thinking it through.' });

    const events = await collect(client, request('thinking'));
    const deltas = events.flatMap((event) => (event.contentBlockDelta?.contentBlockIndex === 0 ? [event.contentBlockDelta.delta] : []));
    expect(deltas.map((delta) => delta?.reasoningContent?.text ?? '').join('')).toBe(
      'The user wants an answer. I will think it through step by step before replying.',
    );
    expect(deltas.at(-2)?.reasoningContent).toEqual({ text: '' });
    expect(deltas.at(-1)?.reasoningContent?.signature?.length).toBe(256);
  });

  it('returns redacted reasoning as bytes', async () => {
    const response = await client.send(new ConverseCommand(request('redacted_thinking')));
    const redacted = response.output?.message?.content?.[0]?.reasoningContent?.redactedContent;
    expect(Buffer.from(redacted ?? new Uint8Array()).toString('utf8')).toBe('opaque reasoning bytes from the Bedrock simulator');

    const events = await collect(client, request('redacted_thinking'));
    const delta = events.find((event) => event.contentBlockDelta?.delta?.reasoningContent?.redactedContent)?.contentBlockDelta;
    expect(Buffer.from(delta?.delta?.reasoningContent?.redactedContent ?? new Uint8Array()).toString('utf8')).toBe(
      'opaque reasoning bytes from the Bedrock simulator',
    );
  });

  it('cites the request document by character location', async () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          { document: { format: 'txt', name: 'weather notes', source: { text: 'The sky is blue today.' } } },
          { text: 'What colour is the sky?' },
          { text: 'MOCK_BEDROCK: citations' },
        ],
      },
    ];
    const response = await client.send(new ConverseCommand({ modelId, messages }));
    expect(response.output?.message?.content?.[1]).toEqual({
      citationsContent: {
        content: [{ text: 'The sky is blue today.' }],
        citations: [
          {
            title: 'weather notes',
            sourceContent: [{ text: 'The sky is blue today.' }],
            location: { documentChar: { documentIndex: 0, start: 0, end: 22 } },
          },
        ],
      },
    });

    const events = await collect(client, { modelId, messages });
    const blockOne = events.flatMap((event) => (event.contentBlockDelta?.contentBlockIndex === 1 ? [event.contentBlockDelta.delta] : []));
    expect(blockOne[0]?.citation?.location).toEqual({ documentChar: { documentIndex: 0, start: 0, end: 22 } });
    expect(blockOne.slice(1).map((delta) => delta?.text).join('')).toBe('The sky is blue today.');
  });

  it('stops before the first stop sequence and reports it when asked', async () => {
    const config = { inferenceConfig: { stopSequences: ['STOP'] } };
    const response = await client.send(
      new ConverseCommand(request('stop_sequence', { ...config, additionalModelResponseFieldPaths: ['/stop_sequence'] })),
    );
    expect(response.output?.message?.content).toEqual([{ text: 'Counting: one, two, ' }]);
    expect(response.stopReason).toBe('stop_sequence');
    expect(response.additionalModelResponseFields).toEqual({ stop_sequence: 'STOP' });

    const events = await collect(client, request('stop_sequence', { ...config, additionalModelResponseFieldPaths: ['/delta/stop_sequence'] }));
    expect(streamedText(events)).toBe('Counting: one, two, ');
    expect(events.find((event) => event.messageStop)?.messageStop).toEqual({
      stopReason: 'stop_sequence',
      additionalModelResponseFields: { delta: { stop_sequence: 'STOP' } },
    });
  });

  it('cuts a long answer at maxTokens', async () => {
    const input = request('max_tokens', { inferenceConfig: { maxTokens: 10 } });
    const response = await client.send(new ConverseCommand(input));
    expect(response.output?.message?.content?.[0]?.text).toBe('The simulator keeps talking so that this');
    expect(response.stopReason).toBe('max_tokens');
    expect(response.usage?.outputTokens).toBe(10);

    const events = await collect(client, input);
    expect(streamedText(events)).toBe('The simulator keeps talking so that this');
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('max_tokens');
  });

  it('reports scripted cache usage with cacheDetails', async () => {
    const response = await client.send(new ConverseCommand(request('cache')));
    expect(response.usage).toEqual({
      inputTokens: 9,
      outputTokens: 10,
      totalTokens: 1555,
      cacheReadInputTokens: 1024,
      cacheWriteInputTokens: 512,
      cacheDetails: [{ ttl: '5m', inputTokens: 512 }],
    });
    const events = await collect(client, request('cache'));
    expect(events.at(-1)?.metadata?.usage?.cacheReadInputTokens).toBe(1024);
  });

  it('writes a cache prefix the first time and reads it afterwards', async () => {
    const input: ConverseCommandInput = {
      modelId,
      system: [{ text: `A long and stable system prompt for ${name}.`.repeat(10) }, { cachePoint: { type: 'default' } }],
      messages: [user('Hello')],
    };
    const first = await client.send(new ConverseCommand(input));
    const second = await client.send(new ConverseCommand(input));
    const prefixTokens = first.usage?.cacheWriteInputTokens ?? 0;
    expect(prefixTokens).toBe(Math.ceil((`A long and stable system prompt for ${name}.`.length * 10) / 4));
    expect(first.usage?.cacheReadInputTokens).toBeUndefined();
    expect(second.usage?.cacheReadInputTokens).toBe(prefixTokens);
    expect(second.usage?.cacheWriteInputTokens).toBeUndefined();
    expect(second.usage?.inputTokens).toBe(2);
  });

  it.each([
    ['throttle', ThrottlingException, 429],
    ['unavailable', ServiceUnavailableException, 503],
    ['internal_error', InternalServerException, 500],
    ['model_timeout', ModelTimeoutException, 408],
    ['stream_exception', ModelErrorException, 424],
  ] as const)('surfaces the %s preset as the SDK exception class', async (preset, exceptionClass, status) => {
    const error: unknown = await client.send(new ConverseCommand(request(preset))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(exceptionClass);
    expect((error as InstanceType<typeof exceptionClass>).$metadata.httpStatusCode).toBe(status);
  });

  it('surfaces an error preset on ConverseStream before the stream starts', async () => {
    const error: unknown = await collect(client, request('throttle')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottlingException);
  });

  it('throws a mid-stream modelStreamErrorException from the stream iterator', async () => {
    const response = await client.send(new ConverseStreamCommand(request('stream_exception')));
    const received: ConverseStreamOutput[] = [];
    const error: unknown = await (async () => {
      for await (const event of response.stream ?? []) received.push(event);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelStreamErrorException);
    expect((error as ModelStreamErrorException).originalStatusCode).toBe(500);
    expect(eventNames(received)).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta']);
  });

  it('rejects roles that do not alternate with Bedrock’s ValidationException', async () => {
    const error: unknown = await client
      .send(new ConverseCommand({ modelId, messages: [user('one'), user('two')] }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toBe(
      'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
    );
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  it('rejects an unknown preset loudly', async () => {
    const error: unknown = await client.send(new ConverseCommand(request('no_such_preset'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toMatch(/^MOCK_BEDROCK: unknown preset "no_such_preset"\. Known presets: text, /);
  });

  it('refuses a signature made with the wrong secret', async () => {
    const wrong = new BedrockRuntimeClient({
      endpoint: simulator.url,
      region: 'eu-west-1',
      credentials: { ...credentials, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
      ...(name.startsWith('HTTP/1.1') ? { requestHandler: new NodeHttpHandler() } : {}),
    });
    const error: unknown = await wrong.send(new ConverseCommand(request('text'))).catch((caught: unknown) => caught);
    wrong.destroy();
    expect((error as Error).name).toBe('InvalidSignatureException');
    expect((error as Error).message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(403);
  });

  it('round-trips an ARN model id that the SDK percent-encodes', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
    const response = await client.send(new ConverseCommand({ ...request('text'), modelId: arn }));
    expect(response.stopReason).toBe('end_turn');
    expect(simulator.calls.at(-1)?.modelId).toBe(arn);
    expect(simulator.calls.at(-1)?.outcome).toBe('completed');
  });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function rawPost(path: string, headers: Record<string, string>, body: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${simulator.url}${path}`, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const textBody = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });

describe('Bedrock simulator over raw HTTP', () => {
  it('answers an un-encoded ARN path with UnknownOperationException and HTTP 200', async () => {
    const path = '/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6/converse';
    const response = await rawPost(path, { authorization: 'Bearer key', 'content-type': 'application/json' }, textBody);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      Output: { __type: 'com.amazon.coral.service#UnknownOperationException' },
      Version: '1.0',
    });
  });

  it('refuses a request without authorization', async () => {
    const response = await rawPost(`/model/${modelId}/converse`, { 'content-type': 'application/json' }, textBody);
    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe(
      'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    );
    expect(JSON.parse(response.body)).toEqual({ message: 'Missing Authentication Token' });
  });

  it('sends Bedrock-shaped errors: type only in the header, request id, JSON body', async () => {
    const body = JSON.stringify({ messages: [{ role: 'user', content: [] }] });
    const response = await rawPost(`/model/${encodeURIComponent(modelId)}/converse`, { authorization: 'Bearer key' }, body);
    expect(response.status).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/');
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(response.body)).toEqual({
      message: 'The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again.',
    });
  });

  it('records an aborted call when the client disconnects mid-stream', async () => {
    const script = JSON.stringify({ content: [{ text: 'x'.repeat(400) }], eventDelayMs: 100 });
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: `MOCK_BEDROCK: ${script}` }] }] });
    const firstChunk = await new Promise<number>((resolve, reject) => {
      const outgoing = http.request(`${simulator.url}/model/abort-test/converse-stream`, {
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
      outgoing.end(body);
    });
    expect(firstChunk).toBeGreaterThan(0);
    const call = simulator.calls.findLast((recorded) => recorded.modelId === 'abort-test');
    await vi.waitFor(() => expect(call?.outcome).toBe('aborted'), { timeout: 1000, interval: 20 });
    expect(call?.status).toBe(200);
  });
});

describe('Bedrock simulator over raw HTTP/2', () => {
  it('records an aborted call when an HTTP/2 client resets the stream mid-stream', async () => {
    const script = JSON.stringify({ content: [{ text: 'y'.repeat(400) }], eventDelayMs: 100 });
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: `MOCK_BEDROCK: ${script}` }] }] });
    const session = http2.connect(simulator.url);
    const stream = session.request({ ':method': 'POST', ':path': '/model/abort-test-h2/converse-stream', authorization: 'Bearer key' });
    stream.end(body);
    const [headers] = await Promise.all([
      new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve)),
      new Promise<void>((resolve) => stream.once('data', () => resolve())),
    ]);
    expect(headers[':status']).toBe(200);
    expect(headers['content-type']).toBe('application/vnd.amazon.eventstream');
    stream.close(http2.constants.NGHTTP2_CANCEL);
    const call = simulator.calls.findLast((recorded) => recorded.modelId === 'abort-test-h2');
    await vi.waitFor(() => expect(call?.outcome).toBe('aborted'), { timeout: 1000, interval: 20 });
    session.close();
  });
});

describe('Bedrock simulator shutdown', () => {
  it('closes while an HTTP/2 session and a kept-alive HTTP/1.1 connection are open', async () => {
    const local = await startBedrockSimulator();
    const http2Client = new BedrockRuntimeClient({ endpoint: local.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    const http1Client = new BedrockRuntimeClient({
      endpoint: local.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true }) }),
    });
    await http2Client.send(new ConverseCommand(request('text')));
    await http1Client.send(new ConverseCommand(request('text')));
    await local.close();
    expect(local.calls.map((call) => call.outcome)).toEqual(['completed', 'completed']);
    http2Client.destroy();
    http1Client.destroy();
  });
});
