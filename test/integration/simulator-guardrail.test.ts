import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  ValidationException,
  type ContentBlock,
  type ConverseStreamOutput,
  type InvokeModelCommandInput,
  type Message as ConverseMessage,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import type { AnthropicStreamEvent } from '../../src/anthropic/types.js';
import { createBedrockRuntime } from '../../src/bedrock/create-bedrock-runtime.js';
import { staticCredentials } from '../../src/bedrock/resolve-credentials.js';
import type { BedrockRuntime, GuardrailSettings } from '../../src/bedrock/types.js';
import { convertConverseResponse } from '../../src/convert/convert-converse-response.js';
import { convertRequestToConverse } from '../../src/convert/convert-request-to-converse.js';
import { createStreamTranslator } from '../../src/convert/create-stream-translator.js';
import { buildNativeInvokeBody } from '../../src/convert/native/build-native-invoke-body.js';
import { convertNativeResponse } from '../../src/convert/native/convert-native-response.js';
import { createNativeStreamRelay } from '../../src/convert/native/create-native-stream-relay.js';
import { createToolNameMap } from '../../src/convert/tool-names.js';
import { startBedrockSimulator, type BedrockSimulator } from '../../src/simulator/index.js';
import { claude } from '../support/conversion-options.js';
import { scripted, scriptedMessages } from '../support/mock-script.js';

const credentials = { accessKeyId: 'AKIASIMULATORTEST000', secretAccessKey: 'simulator-test-secret' };
const modelId = 'us.anthropic.claude-sonnet-4-6';
const blocked = 'Sorry, the model cannot answer this question.';
const intervene = scripted({ guardrail: 'intervene' });
const guardrailConfig = { guardrailIdentifier: 'gr0abc123', guardrailVersion: '2', trace: 'enabled' as const };
const missingGuardrail =
  'MOCK_BEDROCK: "guardrail": "intervene" needs a guardrail on the request: guardrailConfig (Converse, ConverseStream) ' +
  'or the X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion headers (InvokeModel).';

let simulator: BedrockSimulator;
let client: BedrockRuntimeClient;
beforeAll(async () => {
  simulator = await startBedrockSimulator({ credentials });
  client = new BedrockRuntimeClient({ endpoint: simulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await simulator.close();
});

const user = (...texts: string[]): ConverseMessage => ({ role: 'user', content: texts.map((text): ContentBlock => ({ text })) });
const nativeBody = (directive: string) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 200,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me something.' }, { type: 'text', text: directive }] }],
});
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array | undefined): Record<string, unknown> => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (caught: unknown) => caught,
  );
}

async function converseStream(messages: ConverseMessage[], config: Record<string, unknown> | undefined): Promise<ConverseStreamOutput[]> {
  const response = await client.send(new ConverseStreamCommand({ modelId, messages, guardrailConfig: config }));
  const events: ConverseStreamOutput[] = [];
  for await (const event of response.stream ?? []) events.push(event);
  return events;
}

async function invokeStream(input: Omit<InvokeModelCommandInput, 'modelId' | 'contentType'>): Promise<Array<Record<string, unknown>>> {
  const response = await client.send(new InvokeModelWithResponseStreamCommand({ modelId, contentType: 'application/json', ...input }));
  const events: Array<Record<string, unknown>> = [];
  for await (const part of response.body ?? []) if (part.chunk?.bytes !== undefined) events.push(decode(part.chunk.bytes));
  return events;
}

describe('the simulator applies guardrails (AWS SDK client)', () => {
  it('Converse: an intervention answers with the canned text and stopReason guardrail_intervened', async () => {
    const response = await client.send(new ConverseCommand({ modelId, messages: [user('Tell me something.', intervene)], guardrailConfig }));
    expect(response.stopReason).toBe('guardrail_intervened');
    expect(response.output?.message?.content).toEqual([{ text: blocked }]);
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'Converse', status: 200, outcome: 'completed', body: { guardrailConfig } });
  });

  it('Converse: a guardrail that does not intervene leaves the answer alone', async () => {
    const response = await client.send(new ConverseCommand({ modelId, messages: [user('Hi there')], guardrailConfig }));
    expect(response.stopReason).toBe('end_turn');
    expect(response.output?.message?.content).toEqual([{ text: 'Hello from the Bedrock simulator. You said: Hi there' }]);
  });

  it('ConverseStream: streams the canned text and ends with guardrail_intervened; the stream mode arrives', async () => {
    const config = { ...guardrailConfig, streamProcessingMode: 'sync' as const };
    const events = await converseStream([user('Tell me something.', intervene)], config);
    expect(events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('')).toBe(blocked);
    expect(events.find((event) => event.messageStop !== undefined)?.messageStop?.stopReason).toBe('guardrail_intervened');
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'ConverseStream', outcome: 'completed', body: { guardrailConfig: config } });
  });

  it.each(['Converse', 'ConverseStream'] as const)('%s: the directive without guardrailConfig is a 400 naming the problem', async (operation) => {
    const messages = [user('Tell me something.', intervene)];
    const caught = await failure(operation === 'Converse' ? client.send(new ConverseCommand({ modelId, messages })) : converseStream(messages, undefined));
    expect(caught).toBeInstanceOf(ValidationException);
    expect((caught as ValidationException).message).toBe(missingGuardrail);
    expect((caught as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  it('Converse: a malformed guardrail version is refused as Bedrock refuses it', async () => {
    const caught = await failure(client.send(new ConverseCommand({ modelId, messages: [user('Hi')], guardrailConfig: { ...guardrailConfig, guardrailVersion: 'v2' } })));
    expect(caught).toBeInstanceOf(ValidationException);
    expect((caught as ValidationException).message).toBe(
      "1 validation error detected: Value at 'guardrailConfig.guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))",
    );
  });

  it('InvokeModel: the headers arrive; an intervention keeps end_turn with the canned text and says INTERVENED', async () => {
    const response = await client.send(
      new InvokeModelCommand({ modelId, contentType: 'application/json', body: encode(nativeBody(intervene)), guardrailIdentifier: 'gr0abc123', guardrailVersion: 'DRAFT', trace: 'ENABLED' }),
    );
    const message = decode(response.body);
    expect(message).toMatchObject({ content: [{ type: 'text', text: blocked }], stop_reason: 'end_turn', 'amazon-bedrock-guardrailAction': 'INTERVENED' });
    expect(simulator.calls.at(-1)?.headers).toMatchObject({
      'x-amzn-bedrock-guardrailidentifier': 'gr0abc123',
      'x-amzn-bedrock-guardrailversion': 'DRAFT',
      'x-amzn-bedrock-trace': 'ENABLED',
    });
  });

  it('InvokeModel: a guardrail that does not intervene says NONE; without a guardrail the field is absent', async () => {
    const guarded = await client.send(
      new InvokeModelCommand({ modelId, contentType: 'application/json', body: encode(nativeBody('MOCK_BEDROCK: text')), guardrailIdentifier: 'gr0abc123', guardrailVersion: '1' }),
    );
    expect(decode(guarded.body)['amazon-bedrock-guardrailAction']).toBe('NONE');
    const plain = await client.send(new InvokeModelCommand({ modelId, contentType: 'application/json', body: encode(nativeBody('MOCK_BEDROCK: text')) }));
    expect('amazon-bedrock-guardrailAction' in decode(plain.body)).toBe(false);
  });

  it('InvokeModelWithResponseStream: streams the canned text with end_turn; the headers arrive', async () => {
    const events = await invokeStream({ body: encode(nativeBody(intervene)), guardrailIdentifier: 'gr0abc123', guardrailVersion: '5' });
    const text = events.map((event) => ((event['delta'] as { text?: string } | undefined)?.text ?? '')).join('');
    expect(text).toBe(blocked);
    expect(events.find((event) => event['type'] === 'message_delta')).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(simulator.calls.at(-1)).toMatchObject({
      operation: 'InvokeModelWithResponseStream',
      outcome: 'completed',
      headers: { 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-guardrailversion': '5' },
    });
  });

  it('InvokeModel: the directive without the headers, or a bad trace value, is a 400', async () => {
    const missing = await failure(client.send(new InvokeModelCommand({ modelId, contentType: 'application/json', body: encode(nativeBody(intervene)) })));
    expect(missing).toBeInstanceOf(ValidationException);
    expect((missing as ValidationException).message).toBe(missingGuardrail);
    const badTrace = await failure(
      client.send(
        new InvokeModelCommand({ modelId, contentType: 'application/json', body: encode(nativeBody('MOCK_BEDROCK: text')), guardrailIdentifier: 'gr0abc123', guardrailVersion: '1', trace: 'on' as 'ENABLED' }),
      ),
    );
    expect((badTrace as ValidationException).message).toBe(
      "1 validation error detected: Value 'on' at 'trace' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_FULL]",
    );
  });
});

describe('the proxy converters and transport against the simulator, with a guardrail', () => {
  const guardrail: GuardrailSettings = { identifier: 'gr0abc123', version: '2', trace: 'enabled' };
  const request = parseMessagesRequest({ model: 'claude-sonnet-4-6', max_tokens: 200, messages: scriptedMessages({ guardrail: 'intervene' }) });
  const responseContext = () => ({ model: 'claude-sonnet-4-6', messageId: 'msg_guardrail', toolNames: createToolNameMap(), stopSequences: [] });
  let runtime: BedrockRuntime;
  beforeAll(() => {
    runtime = createBedrockRuntime({
      region: 'us-east-1',
      endpoint: simulator.url,
      auth: { kind: 'sigv4', credentials: staticCredentials(credentials.accessKeyId, credentials.secretAccessKey) },
    });
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('Converse: guardrail_intervened reaches the client as stop_reason refusal with the canned text', async () => {
    const { body } = convertRequestToConverse(request, { ...claude, guardrail }).value;
    const result = await runtime.converse({ modelId, body });
    const message = convertConverseResponse(result.output, responseContext());
    expect(message.stop_reason).toBe('refusal');
    expect(message.content).toEqual([{ type: 'text', text: blocked, citations: null }]);
    expect(simulator.calls.at(-1)?.body).toMatchObject({ guardrailConfig: { guardrailIdentifier: 'gr0abc123', guardrailVersion: '2', trace: 'enabled' } });
  });

  it('ConverseStream: sent in sync mode, and the stream ends with stop_reason refusal', async () => {
    const { body } = convertRequestToConverse(request, { ...claude, guardrail }).value;
    const result = await runtime.converseStream({ modelId, body });
    const translator = createStreamTranslator(responseContext());
    const events: AnthropicStreamEvent[] = [];
    for await (const batch of result.eventBatches) for (const event of batch) events.push(...translator.push(event));
    events.push(...translator.finish());
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'refusal' } });
    expect(simulator.calls.at(-1)?.body).toMatchObject({ guardrailConfig: { guardrailIdentifier: 'gr0abc123', streamProcessingMode: 'sync' } });
  });

  it('InvokeModel: the client sees Bedrock’s answer as it is: end_turn, the canned text, and the guardrail action field', async () => {
    const { body } = buildNativeInvokeBody(request, { anthropicVersion: '2023-06-01', betas: [], features: claude.features }).value;
    const result = await runtime.invoke({ modelId, body, guardrail });
    const message = convertNativeResponse(result.output, { model: 'claude-sonnet-4-6' }) as unknown as Record<string, unknown>;
    expect(message).toMatchObject({ stop_reason: 'end_turn', content: [{ type: 'text', text: blocked }], 'amazon-bedrock-guardrailAction': 'INTERVENED' });
    expect(simulator.calls.at(-1)?.headers).toMatchObject({ 'x-amzn-bedrock-guardrailidentifier': 'gr0abc123', 'x-amzn-bedrock-trace': 'ENABLED' });
  });

  it('InvokeModelWithResponseStream: relayed with end_turn', async () => {
    const { body } = buildNativeInvokeBody(request, { anthropicVersion: '2023-06-01', betas: [], features: claude.features }).value;
    const result = await runtime.invokeStream({ modelId, body, guardrail });
    const relay = createNativeStreamRelay({ model: 'claude-sonnet-4-6' });
    const events: AnthropicStreamEvent[] = [];
    for await (const batch of result.eventBatches) for (const event of batch) events.push(...relay.push(event));
    events.push(...relay.finish());
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'end_turn' } });
    expect(simulator.calls.at(-1)).toMatchObject({ operation: 'InvokeModelWithResponseStream', headers: { 'x-amzn-bedrock-guardrailversion': '2' } });
  });
});
