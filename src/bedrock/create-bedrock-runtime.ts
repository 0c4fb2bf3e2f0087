import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { Pool, type Dispatcher } from 'undici';
import { ProxyError } from '../errors.js';
import type { BedrockRuntime, ConverseCall, ConverseResponseBody, ConverseStreamEvent } from './types.js';
import { createRequestSigner } from './create-request-signer.js';
import { decodeConverseStream } from './decode-converse-stream.js';
import { mapTransportError, type TransportErrorContext } from './map-transport-error.js';
import { readBounded, readErrorResponse, unroutedOperationError } from './read-error-response.js';
import { resolveBedrockEndpoint } from './resolve-endpoint.js';

export interface BedrockRuntimeOptions {
  region: string;
  /** Overrides the regional endpoint, e.g. a simulator at http://127.0.0.1:PORT or a VPC endpoint. */
  endpoint?: string;
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

type Operation = 'converse' | 'converse-stream';

const eventStreamContentType = 'application/vnd.amazon.eventstream';
/** A stray non-event-stream answer to converse-stream is only read to explain the failure. */
const maximumUnexpectedBodyBytes = 64 * 1024;

export function createBedrockRuntime(options: BedrockRuntimeOptions): BedrockRuntime {
  const endpoint = new URL(options.endpoint ?? resolveBedrockEndpoint(options.region));
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
  const errorContext = (call: ConverseCall, phase: TransportErrorContext['phase']): TransportErrorContext => ({
    signal: call.signal,
    phase,
    origin: endpoint.origin,
    headersTimeoutMs,
    bodyTimeoutMs,
  });

  const send = async (call: ConverseCall, operation: Operation): Promise<Dispatcher.ResponseData> => {
    const path = `${basePath}/model/${encodeURIComponent(call.modelId)}/${operation}`;
    const body = Buffer.from(JSON.stringify(call.body));
    try {
      const headers = await sign({
        path,
        body,
        headers: {
          host: endpoint.host,
          'content-type': 'application/json',
          accept: operation === 'converse' ? 'application/json' : eventStreamContentType,
          'content-length': String(body.length),
        },
      });
      return await pool.request({ origin: endpoint.origin, method: 'POST', path, headers, body, signal: call.signal });
    } catch (error) {
      throw mapTransportError(error, errorContext(call, 'request'));
    }
  };

  return {
    async converse(call) {
      const response = await send(call, 'converse');
      const context = errorContext(call, 'request');
      if (!isSuccess(response.statusCode)) throw await readErrorSafely(response, context);
      const output = parseResponse(await readWhole(response, context));
      return { requestId: requestIdOf(response), output };
    },

    async converseStream(call) {
      const response = await send(call, 'converse-stream');
      const context = errorContext(call, 'request');
      if (!isSuccess(response.statusCode)) throw await readErrorSafely(response, context);
      if (!contentTypeOf(response).startsWith(eventStreamContentType)) {
        throw await unexpectedStreamBody(response, context);
      }
      const events = decodeConverseStream(response.body, {
        mapReadError: (error) => mapTransportError(error, errorContext(call, 'stream')),
      });
      return { requestId: requestIdOf(response), events: releasingOnReturn(events, response.body) };
    },

    close() {
      return pool.close();
    },
  };
}

async function readWhole(response: Dispatcher.ResponseData, context: TransportErrorContext): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw mapTransportError(error, context);
  }
}

async function readErrorSafely(response: Dispatcher.ResponseData, context: TransportErrorContext): Promise<unknown> {
  try {
    return await readErrorResponse(response);
  } catch (error) {
    return mapTransportError(error, context);
  }
}

async function unexpectedStreamBody(response: Dispatcher.ResponseData, context: TransportErrorContext): Promise<unknown> {
  let text: string;
  try {
    text = await readBounded(response.body, maximumUnexpectedBodyBytes);
  } catch (error) {
    return mapTransportError(error, context);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return (
    unroutedOperationError(parsed) ??
    new ProxyError(
      'BEDROCK_BAD_RESPONSE',
      `Bedrock answered converse-stream with content-type "${contentTypeOf(response)}" instead of an event stream`,
    )
  );
}

function parseResponse(text: string): ConverseResponseBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock answered converse with a body that is not JSON', { cause: error });
  }
  const unrouted = unroutedOperationError(value);
  if (unrouted !== undefined) throw unrouted;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', 'Bedrock answered converse with a body that is not a JSON object');
  }
  return value as ConverseResponseBody;
}

/** Makes `return()` release the connection even when iteration never started. */
function releasingOnReturn(
  events: AsyncGenerator<ConverseStreamEvent, void, undefined>,
  body: Dispatcher.ResponseData['body'],
): AsyncIterable<ConverseStreamEvent> {
  const iterator: AsyncIterableIterator<ConverseStreamEvent> = {
    next: () => events.next(),
    return: (value?: unknown) => {
      if (!body.destroyed) body.destroy();
      return events.return(value as undefined);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function requestIdOf(response: Dispatcher.ResponseData): string {
  const value = response.headers['x-amzn-requestid'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function contentTypeOf(response: Dispatcher.ResponseData): string {
  const value = response.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
