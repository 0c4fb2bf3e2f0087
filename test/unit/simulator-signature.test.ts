import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { checkAuthorization } from '../../src/simulator/transport/check-authorization.js';
import { parseOperationPath } from '../../src/simulator/transport/parse-operation-path.js';
import { createSignatureVerifier, type ReceivedRequest } from '../../src/simulator/verify-signature.js';

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'right-secret' };
const verify = createSignatureVerifier(credentials);
const body = '{"messages":[]}';

/** Signs like an AWS SDK client would and returns the request as the simulator receives it. */
async function signed(options: { secret?: string; region?: string; path?: string; hostHeader?: string } = {}): Promise<ReceivedRequest> {
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey: options.secret ?? credentials.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: 'bedrock',
    sha256: Hash.bind(null, 'sha256'),
  });
  const hostHeader = options.hostHeader ?? 'host';
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: options.path ?? '/model/us.anthropic.claude-sonnet-4-6/converse',
    headers: { [hostHeader]: '127.0.0.1:8080', 'content-type': 'application/json', 'user-agent': 'test' },
    body,
  });
  const result = await signer.sign(request, { signingDate: new Date('2026-11-27T12:00:00Z') });
  return { method: 'POST', path: result.path, headers: { ...result.headers }, body: Buffer.from(body) };
}

describe('createSignatureVerifier', () => {
  it.each([
    ['a plain model path', {}],
    ['another region', { region: 'eu-central-1' }],
    ['an ARN percent-encoded in the path', { path: `/model/${encodeURIComponent('arn:aws:bedrock:us-east-1:1:inference-profile/x')}/converse` }],
    ['an HTTP/2 :authority signed in place of host', { hostHeader: ':authority' }],
  ])('accepts a correct signature: %s', async (_name, options) => {
    expect(await verify(await signed(options))).toEqual({ valid: true });
  });

  it('rejects a signature made with another secret', async () => {
    expect(await verify(await signed({ secret: 'wrong' }))).toEqual({
      valid: false,
      errorName: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    });
  });

  it('rejects a body changed after signing', async () => {
    const request = await signed();
    const verdict = await verify({ ...request, body: Buffer.from('{"messages":[1]}') });
    expect(verdict.valid ? '' : verdict.errorName).toBe('InvalidSignatureException');
  });

  it('rejects a path changed after signing (the simulator signs the raw path)', async () => {
    const request = await signed({ path: `/model/${encodeURIComponent('a:b')}/converse` });
    const verdict = await verify({ ...request, path: '/model/a:b/converse' });
    expect(verdict.valid ? '' : verdict.errorName).toBe('InvalidSignatureException');
  });

  it('rejects an unknown access key', async () => {
    const request = await signed();
    const authorization = String(request.headers['authorization']).replace('AKIDSIMULATOR', 'AKIDOTHER');
    expect(await verify({ ...request, headers: { ...request.headers, authorization } })).toEqual({
      valid: false,
      errorName: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it.each([
    ['no x-amz-date', (request: ReceivedRequest) => ({ ...request.headers, 'x-amz-date': undefined }), "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."],
    ['a header without Signature', (request: ReceivedRequest) => ({ ...request.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' }), "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."],
  ])('reports an incomplete signature: %s', async (_name, headers, message) => {
    const request = await signed();
    expect(await verify({ ...request, headers: headers(request) })).toEqual({ valid: false, errorName: 'IncompleteSignatureException', message });
  });
});

describe('checkAuthorization', () => {
  const request = (authorization?: string): ReceivedRequest => ({ method: 'POST', path: '/', headers: { authorization }, body: Buffer.alloc(0) });

  it.each([
    ['no authorization header', request(), verify, { ok: false, errorName: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }],
    ['a Bedrock API key (bearer)', request('Bearer ABSKexample'), verify, { ok: true }],
    ['a signature when no credentials are configured', request('AWS4-HMAC-SHA256 anything'), undefined, { ok: true }],
    [
      'a malformed signature when credentials are configured',
      request('Basic dXNlcg=='),
      verify,
      {
        ok: false,
        errorName: 'IncompleteSignatureException',
        message: "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
      },
    ],
  ])('%s', async (_name, received, verifier, expected) => {
    expect(await checkAuthorization(received, verifier)).toEqual(expected);
  });
});

describe('parseOperationPath', () => {
  it.each([
    ['POST', '/model/us.anthropic.claude-sonnet-4-6/converse', { operation: 'Converse', modelId: 'us.anthropic.claude-sonnet-4-6' }],
    ['POST', '/model/m/converse-stream?x=1', { operation: 'ConverseStream', modelId: 'm' }],
    [
      'POST',
      `/model/${encodeURIComponent('arn:aws:bedrock:us-east-1:1:application-inference-profile/abc')}/converse`,
      { operation: 'Converse', modelId: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc' },
    ],
    ['POST', '/model/arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude/converse', undefined],
    ['GET', '/model/m/converse', undefined],
    ['POST', '/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke', { operation: 'InvokeModel', modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0' }],
    ['POST', '/model/m/invoke-with-response-stream', { operation: 'InvokeModelWithResponseStream', modelId: 'm' }],
    ['POST', '/model/m/count-tokens', { operation: 'CountTokens', modelId: 'm' }],
    ['POST', '/model/m/invoke-with-bidirectional-stream', undefined],
    ['POST', '/model/m/constructor', undefined],
    ['POST', '/model/%E0%A4%A/converse', undefined],
  ])('%s %s', (method, url, expected) => {
    expect(parseOperationPath(method, url)).toEqual(expected);
  });
});
