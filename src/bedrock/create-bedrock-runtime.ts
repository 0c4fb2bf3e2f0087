import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { Pool, type Dispatcher } from 'undici';
import { ProxyError } from '../errors.js';
import type { BedrockRuntime, ConverseResponseBody, CountTokensInput } from './types.js';
import { converseStreamBody } from './converse-stream-body.js';
import { createRequestSigner } from './create-request-signer.js';
import { decodeConverseStream } from './decode-converse-stream.js';
import { decodeInvokeStream } from './decode-invoke-stream.js';
import { guardrailHeaders } from './guardrail-headers.js';
import { mapTransportError, type TransportErrorContext } from './map-transport-error.js';
import { checkEventStream, readJsonObject, releasingOnReturn, requestIdOf } from './read-bedrock-response.js';

export interface BedrockRuntimeOptions {
  region: string;
  /** The Bedrock Runtime endpoint: regional (resolveBedrockEndpoint), a VPC endpoint, or a simulator at http://127.0.0.1:PORT. */
  endpoint: string;
  auth: BedrockAuth;
  /** undici Pool options: connections per origin (default 128), keep-alive; timeouts in ms. */
  connections?: number;
  /** Default 10_000. */
  connectTimeoutMs?: number;
  /** Time to response headers; default 300_000, because a long non-stream generation sends nothing until done. */
  headersTimeoutMs?: number;
  /** Idle time between body chunks; default 300_000 (the caller sets it from STREAMING_TIMEOUT). */
  bodyTimeoutMs?: number;
}

export type BedrockAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'sigv4'; credentials: AwsCredentialIdentityProvider };

type Operation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream' | 'count-tokens';

interface Exchange {
  modelId: string;
  operation: Operation;
  body: unknown;
  signal: AbortSignal | undefined;
  /** Operation-specific request headers (InvokeModel's guardrail headers), signed with the rest. */
  headers?: Record<string, string>;
}

const eventStreamContentType = 'application/vnd.amazon.eventstream';
const streamingOperations: ReadonlySet<Operation> = new Set(['converse-stream', 'invoke-with-response-stream']);

export function createBedrockRuntime(options: BedrockRuntimeOptions): BedrockRuntime {
  const endpoint = new URL(options.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const headersTimeoutMs = options.headersTimeoutMs ?? 300_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 300_000;
  const pool = new Pool(endpoint.origin, {
    connections: options.connections ?? 128,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    headersTimeout: headersTimeoutMs,
    bodyTimeout: bodyTimeoutMs,
  });
  const sign = createRequestSigner({ auth: options.auth, region: options.region, endpoint, now: Date.now });
  const errorContext = (signal: AbortSignal | undefined, phase: TransportErrorContext['phase']): TransportErrorContext => ({
    signal,
    phase,
    origin: endpoint.origin,
    headersTimeoutMs,
    bodyTimeoutMs,
  });
  const mapReadError = (signal: AbortSignal | undefined) => (error: unknown) => mapTransportError(error, errorContext(signal, 'stream'));

  const send = async (exchange: Exchange): Promise<Dispatcher.ResponseData> => {
    const path = `${basePath}/model/${encodeURIComponent(exchange.modelId)}/${exchange.operation}`;
    const body = Buffer.from(JSON.stringify(exchange.body));
    const streaming = streamingOperations.has(exchange.operation);
    // A stream's headers come before the model writes anything, so they get the idle-time limit;
    // a whole answer's headers come when the answer is done, so they get the long one.
    const headersTimeout = streaming ? Math.min(headersTimeoutMs, bodyTimeoutMs) : headersTimeoutMs;
    try {
      const headers = await sign({
        path,
        body,
        headers: {
          host: endpoint.host,
          'content-type': 'application/json',
          accept: streaming ? eventStreamContentType : 'application/json',
          ...(exchange.operation === 'invoke-with-response-stream' ? { 'x-amzn-bedrock-accept': 'application/json' } : {}),
          ...exchange.headers,
          'content-length': String(body.length),
        },
      });
      return await pool.request({ origin: endpoint.origin, method: 'POST', path, headers, body, signal: exchange.signal, headersTimeout });
    } catch (error) {
      throw mapTransportError(error, { ...errorContext(exchange.signal, 'request'), headersTimeoutMs: headersTimeout });
    }
  };

  return {
    async converse(call) {
      const response = await send({ modelId: call.modelId, operation: 'converse', body: call.body, signal: call.signal });
      const output = await readJsonObject(response, errorContext(call.signal, 'request'), 'converse');
      return { requestId: requestIdOf(response), output: output as ConverseResponseBody };
    },

    async converseStream(call) {
      const body = converseStreamBody(call.body);
      const response = await send({ modelId: call.modelId, operation: 'converse-stream', body, signal: call.signal });
      await checkEventStream(response, errorContext(call.signal, 'request'), 'converse-stream');
      const eventBatches = decodeConverseStream(response.body, { mapReadError: mapReadError(call.signal) });
      return { requestId: requestIdOf(response), eventBatches: releasingOnReturn(eventBatches, response.body) };
    },

    async invoke(call) {
      const headers = guardrailHeaders(call.guardrail);
      const response = await send({ modelId: call.modelId, operation: 'invoke', body: call.body, signal: call.signal, headers });
      const output = await readJsonObject(response, errorContext(call.signal, 'request'), 'invoke');
      return { requestId: requestIdOf(response), output };
    },

    async invokeStream(call) {
      const operation = 'invoke-with-response-stream';
      const headers = guardrailHeaders(call.guardrail);
      const response = await send({ modelId: call.modelId, operation, body: call.body, signal: call.signal, headers });
      await checkEventStream(response, errorContext(call.signal, 'request'), operation);
      const eventBatches = decodeInvokeStream(response.body, { mapReadError: mapReadError(call.signal) });
      return { requestId: requestIdOf(response), eventBatches: releasingOnReturn(eventBatches, response.body) };
    },

    async countTokens(call) {
      const body = { input: countTokensWireInput(call.input) };
      const response = await send({ modelId: call.modelId, operation: 'count-tokens', body, signal: call.signal });
      const output = await readJsonObject(response, errorContext(call.signal, 'request'), 'count-tokens');
      const inputTokens = output['inputTokens'];
      if (typeof inputTokens !== 'number' || !Number.isInteger(inputTokens) || inputTokens < 0) {
        throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock answered count-tokens without a whole number of inputTokens');
      }
      return { requestId: requestIdOf(response), inputTokens };
    },

    close() {
      return pool.close();
    },
  };
}

/** The invokeModel form carries the native body as a blob, which travels as base64 on the JSON wire. */
function countTokensWireInput(input: CountTokensInput): Record<string, unknown> {
  if ('converse' in input) return { converse: input.converse };
  return { invokeModel: { body: Buffer.from(JSON.stringify(input.invokeModel.body)).toString('base64') } };
}
