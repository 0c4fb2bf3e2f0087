import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockRuntime } from '../../src/bedrock/create-bedrock-runtime.js';
import { staticCredentials } from '../../src/bedrock/resolve-credentials.js';
import type { BedrockRuntime, GuardrailSettings } from '../../src/bedrock/types.js';
import { createSignatureVerifier } from '../../src/simulator/verify-signature.js';

const credentials = { accessKeyId: 'AKIAGUARDRAILTEST000', secretAccessKey: 'guardrail-test-secret' };
const verify = createSignatureVerifier(credentials);
const modelId = 'us.anthropic.claude-sonnet-4-6';
const invokeBody = { anthropic_version: 'bedrock-2023-05-31', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
const converseBody = { messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }] };
const guardrail: GuardrailSettings = { identifier: 'gr0abc123', version: '3', trace: 'enabled_full' };

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** A stand-in for Bedrock that records each request, checks its SigV4 signature, and answers 400. */
describe('guardrail settings on the wire', () => {
  let server: http.Server;
  let runtime: BedrockRuntime;
  const received: Received[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        void verify({ method: request.method ?? 'POST', path: request.url ?? '/', headers: request.headers, body }).then((verdict) => {
          received.push({ path: request.url ?? '', headers: request.headers, body: body.toString(), signatureValid: verdict.valid });
          response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ValidationException', 'x-amzn-requestid': 'req-1' });
          response.end(JSON.stringify({ message: 'stop here' }));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    runtime = createBedrockRuntime({
      region: 'us-east-1',
      endpoint,
      auth: { kind: 'sigv4', credentials: staticCredentials(credentials.accessKeyId, credentials.secretAccessKey) },
    });
  });

  afterAll(async () => {
    await runtime.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function send(call: () => Promise<unknown>): Promise<Received> {
    const before = received.length;
    await expect(call()).rejects.toMatchObject({ code: 'BEDROCK_VALIDATION' });
    expect(received).toHaveLength(before + 1);
    return received[before] as Received;
  }

  const signedHeaders = (headers: http.IncomingHttpHeaders): string[] =>
    /SignedHeaders=([^,]+)/.exec(String(headers.authorization))?.[1]?.split(';') ?? [];

  it.each([
    ['invoke', '/invoke', (call: Parameters<BedrockRuntime['invoke']>[0]) => runtime.invoke(call)],
    ['invokeStream', '/invoke-with-response-stream', (call: Parameters<BedrockRuntime['invoke']>[0]) => runtime.invokeStream(call)],
  ])('%s sends the guardrail headers, signed with the rest', async (_name, suffix, call) => {
    const request = await send(() => call({ modelId, body: invokeBody, guardrail }));
    expect(request.path.endsWith(suffix)).toBe(true);
    expect(request.headers).toMatchObject({
      'x-amzn-bedrock-guardrailidentifier': 'gr0abc123',
      'x-amzn-bedrock-guardrailversion': '3',
      'x-amzn-bedrock-trace': 'ENABLED_FULL',
    });
    expect(signedHeaders(request.headers)).toEqual(
      expect.arrayContaining(['x-amzn-bedrock-guardrailidentifier', 'x-amzn-bedrock-guardrailversion', 'x-amzn-bedrock-trace']),
    );
    expect(request.signatureValid).toBe(true);
    expect(JSON.parse(request.body)).toEqual(invokeBody);
  });

  it('invoke without a guardrail sends none of the headers', async () => {
    const request = await send(() => runtime.invoke({ modelId, body: invokeBody }));
    expect(Object.keys(request.headers).filter((name) => name.includes('guardrail') || name === 'x-amzn-bedrock-trace')).toEqual([]);
    expect(request.signatureValid).toBe(true);
  });

  it('invoke without a trace setting sends the identifier and version only', async () => {
    const request = await send(() => runtime.invoke({ modelId, body: invokeBody, guardrail: { identifier: 'gr0abc123', version: 'DRAFT' } }));
    expect(request.headers['x-amzn-bedrock-guardrailversion']).toBe('DRAFT');
    expect(request.headers['x-amzn-bedrock-trace']).toBeUndefined();
  });

  it('converseStream sends the guardrail in sync stream mode; converse sends it as given', async () => {
    const body = { ...converseBody, guardrailConfig: { guardrailIdentifier: 'gr0abc123', guardrailVersion: '3', trace: 'enabled' as const } };
    const stream = await send(() => runtime.converseStream({ modelId, body }));
    expect(stream.path.endsWith('/converse-stream')).toBe(true);
    expect(JSON.parse(stream.body)).toEqual({ ...body, guardrailConfig: { ...body.guardrailConfig, streamProcessingMode: 'sync' } });
    const whole = await send(() => runtime.converse({ modelId, body }));
    expect(JSON.parse(whole.body)).toEqual(body);
    expect(whole.headers['x-amzn-bedrock-guardrailidentifier']).toBeUndefined();
  });
});
