import type { ServerResponse } from 'node:http';
import { errorEnvelope } from '../anthropic/error-envelope.js';
import { formatSseFrame } from '../anthropic/sse.js';
import { ProxyError, isProxyError } from '../errors.js';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Any thrown value as a ProxyError; what we did not anticipate is an `api_error` that hides internals. */
export function asProxyError(error: unknown): ProxyError {
  if (isProxyError(error)) return error;
  return new ProxyError('INTERNAL', 'Internal error in the proxy', { cause: error });
}

/**
 * The one place an error becomes a response: the JSON envelope while headers can still be sent,
 * an SSE `error` frame once a stream has started. Either way the response ends.
 */
export function sendError(response: ServerResponse, error: ProxyError, requestId: string): void {
  if (response.writableEnded || response.destroyed) return;
  if (response.headersSent) {
    response.end(errorFrame(error));
    return;
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfterSeconds)));
  if (error.code === 'REQUEST_TOO_LARGE') headers.connection = 'close';
  sendJson(response, error.status, errorEnvelope(error.type, error.message, requestId), headers);
}

/** The SSE `error` frame for a failure after the stream started. */
export function errorFrame(error: ProxyError): string {
  return formatSseFrame({ type: 'error', error: { type: error.type, message: error.message } });
}
