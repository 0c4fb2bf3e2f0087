import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockRuntime } from '../../src/bedrock/create-bedrock-runtime.js';
import { staticCredentials } from '../../src/bedrock/resolve-credentials.js';
import { createSignatureVerifier } from '../../src/simulator/verify-signature.js';

interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const converseOutput = {
  output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  metrics: { latencyMs: 1 },
};
const arnModelId = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** Records every request and answers with a fixed Converse response (HTTP/1.1, or h2c as the AWS SDK speaks by default). */
async function startRecorder(protocol: 'http1' | 'h2c') {
  const requests: CapturedRequest[] = [];
  const handle = (request: http.IncomingMessage | http2.Http2ServerRequest, response: http.ServerResponse | http2.Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'request-1' });
      response.end(JSON.stringify(converseOutput));
    });
  };
  const server = protocol === 'http1' ? http.createServer(handle) : http2.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** RFC 3986 escaping as SigV4 applies it to each path segment (once more on top of the request's own encoding). */
function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An independent SigV4 verification, written from the AWS specification. */
function verifySignature(request: CapturedRequest, secret: string) {
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    request.headers['authorization'] ?? '',
  );
  if (match === null) throw new Error(`not a SigV4 authorization header: ${request.headers['authorization']}`);
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  const signedHeaders = (signedHeaderList ?? '').split(';');
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalPath = request.path.split('/').map(escapeSegment).join('/');
  const payloadHash = sha256Hex(request.body);
  const canonicalRequest = [request.method, canonicalPath, '', canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', request.headers['x-amz-date'], scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date ?? ''), region ?? ''), service ?? ''), 'aws4_request');
  return {
    accessKeyId,
    region,
    service,
    signedHeaders,
    canonicalPath,
    valid: createHmac('sha256', signingKey).update(stringToSign).digest('hex') === signature,
  };
}

const body = { messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }] };

describe('SigV4 requests of the transport', () => {
  let sdkRecorder: Awaited<ReturnType<typeof startRecorder>>;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;

  beforeAll(async () => {
    sdkRecorder = await startRecorder('h2c');
    recorder = await startRecorder('http1');
  });
  afterAll(async () => {
    await sdkRecorder.close();
    await recorder.close();
  });

  it('uses the same path as the AWS SDK for an ARN model id, and both signatures verify', async () => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: sdkRecorder.endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey },
      maxAttempts: 1,
    });
    await client.send(new ConverseCommand({ modelId: arnModelId, ...body }));
    client.destroy();

    const runtime = createBedrockRuntime({
      region: 'us-east-1',
      endpoint: recorder.endpoint,
      auth: { kind: 'sigv4', credentials: staticCredentials('AKIDEXAMPLE', secretAccessKey) },
    });
    const result = await runtime.converse({ modelId: arnModelId, body });
    await runtime.close();
    expect(result).toEqual({ requestId: 'request-1', output: converseOutput });

    const sdkRequest = sdkRecorder.requests.at(-1) as CapturedRequest;
    const ourRequest = recorder.requests.at(-1) as CapturedRequest;
    const expectedPath = '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse';
    expect(sdkRequest.path).toBe(expectedPath);
    expect(ourRequest.path).toBe(expectedPath);
    expect(ourRequest.body.toString()).toBe(sdkRequest.body.toString());

    const sdkCheck = verifySignature(sdkRequest, secretAccessKey);
    const ourCheck = verifySignature(ourRequest, secretAccessKey);
    expect(sdkCheck.valid).toBe(true);
    expect(ourCheck).toMatchObject({ valid: true, accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', service: 'bedrock' });
    expect(ourCheck.canonicalPath).toBe(
      '/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Aapplication-inference-profile%252Fabc123/converse',
    );
    expect(ourCheck.signedHeaders).toEqual(['accept', 'content-length', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date']);
    expect(ourRequest.headers['x-amz-content-sha256']).toBe(sha256Hex(ourRequest.body));
    expect(ourRequest.headers['x-amz-content-sha256']).toBe(sdkRequest.headers['x-amz-content-sha256']);
    expect(ourRequest.headers['x-amz-security-token']).toBeUndefined();

    const simulatorVerifier = createSignatureVerifier({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey });
    expect(await simulatorVerifier(ourRequest)).toEqual({ valid: true });
  });

  it('a signature made with another secret does not verify', () => {
    const ourRequest = recorder.requests.at(-1) as CapturedRequest;
    expect(verifySignature(ourRequest, 'another-secret').valid).toBe(false);
  });

  it('sends and signs x-amz-security-token for session credentials', async () => {
    const runtime = createBedrockRuntime({
      region: 'eu-central-1',
      endpoint: recorder.endpoint,
      auth: {
        kind: 'sigv4',
        credentials: () => Promise.resolve({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey, sessionToken: 'session/token+value=' }),
      },
    });
    await runtime.converse({ modelId: 'eu.anthropic.claude-sonnet-4-6', body });
    await runtime.close();
    const request = recorder.requests.at(-1) as CapturedRequest;
    expect(request.path).toBe('/model/eu.anthropic.claude-sonnet-4-6/converse');
    expect(request.headers['x-amz-security-token']).toBe('session/token+value=');
    const check = verifySignature(request, secretAccessKey);
    expect(check).toMatchObject({ valid: true, accessKeyId: 'ASIAEXAMPLE', region: 'eu-central-1' });
    expect(check.signedHeaders).toContain('x-amz-security-token');
  });

  it('calls the credentials provider once for many calls and again when the credentials near expiry', async () => {
    const issued: AwsCredentialIdentity[] = [
      // Within five minutes of expiry: used for this call, replaced before the next one.
      { accessKeyId: 'ASIAFIRST', secretAccessKey, sessionToken: 'first', expiration: new Date(Date.now() + 4 * 60_000) },
      { accessKeyId: 'ASIASECOND', secretAccessKey, sessionToken: 'second', expiration: new Date(Date.now() + 60 * 60_000) },
    ];
    let calls = 0;
    const runtime = createBedrockRuntime({
      region: 'us-west-2',
      endpoint: recorder.endpoint,
      auth: {
        kind: 'sigv4',
        credentials: () => {
          const credentials = issued[Math.min(calls, issued.length - 1)] as AwsCredentialIdentity;
          calls += 1;
          return Promise.resolve(credentials);
        },
      },
    });
    const before = recorder.requests.length;
    await runtime.converse({ modelId: 'us.anthropic.claude-sonnet-4-6', body });
    expect(calls).toBe(1);
    for (let index = 0; index < 5; index += 1) await runtime.converse({ modelId: 'us.anthropic.claude-sonnet-4-6', body });
    await Promise.all(Array.from({ length: 5 }, () => runtime.converse({ modelId: 'us.anthropic.claude-sonnet-4-6', body })));
    await runtime.close();
    expect(calls).toBe(2);
    const tokens = recorder.requests.slice(before).map((request) => request.headers['x-amz-security-token']);
    expect(tokens).toEqual(['first', ...Array.from({ length: 10 }, () => 'second')]);
    for (const request of recorder.requests.slice(before)) expect(verifySignature(request, secretAccessKey).valid).toBe(true);
  });

  it('turns a failing credentials provider into BEDROCK_CREDENTIALS without sending anything', async () => {
    const runtime = createBedrockRuntime({
      region: 'us-east-1',
      endpoint: recorder.endpoint,
      auth: { kind: 'sigv4', credentials: () => Promise.reject(new Error('Could not load credentials from any providers')) },
    });
    const before = recorder.requests.length;
    const error = await runtime.converse({ modelId: 'us.anthropic.claude-sonnet-4-6', body }).catch((thrown: unknown) => thrown);
    await runtime.close();
    expect(error).toMatchObject({ code: 'BEDROCK_CREDENTIALS', status: 500, type: 'api_error' });
    expect((error as Error).message).toContain('Could not load credentials from any providers');
    expect((error as Error).message).toContain("the client's API key is not the problem");
    expect(recorder.requests.length).toBe(before);
  });
});
