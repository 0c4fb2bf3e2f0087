import type { OutgoingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { bedrockErrorDefaults } from './bedrock-errors.js';
import type { RequestContext } from './request-context.js';
import type { MockScript } from './script.js';
import type { RecordedCall } from './transport/call-log.js';
import type { OperationRoute } from './transport/parse-operation-path.js';
import type { ResponseSink } from './transport/response-sink.js';
import { writeBedrockError, type BedrockErrorResponse } from './transport/write-bedrock-error.js';

/** One routed request being answered. */
export interface Exchange {
  route: OperationRoute;
  /** The parsed JSON body. */
  body: unknown;
  call: RecordedCall;
  response: ResponseSink;
  context: RequestContext;
  requestId: string;
  signal: AbortSignal;
}

export function failCall(response: ResponseSink, call: RecordedCall | undefined, error: BedrockErrorResponse): void {
  if (call !== undefined) {
    call.status = error.status;
    call.outcome = 'error';
  }
  writeBedrockError(response, error);
}

export function rejectRequest(exchange: Exchange, message: string): void {
  failCall(exchange.response, exchange.call, { status: 400, name: 'ValidationException', message, requestId: exchange.requestId });
}

/**
 * What every scripted operation does first: wait `latencyMs`, then answer a scripted error (with
 * `failFirst`, only while its id has not been failed often enough).
 * Resolves true when the error was sent and the exchange is over.
 */
export async function playScriptPrelude(exchange: Exchange, script: MockScript): Promise<boolean> {
  if ((script.latencyMs ?? 0) > 0) await delay(script.latencyMs, undefined, { signal: exchange.signal });
  if (script.error === undefined) return false;
  if (script.failFirst !== undefined && !exchange.context.failures.shouldFail(script.failFirst)) return false;
  const defaults = bedrockErrorDefaults(script.error.name);
  const extra = script.error.name === 'ModelErrorException' ? { originalStatusCode: 500, resourceName: exchange.route.modelId } : undefined;
  failCall(exchange.response, exchange.call, {
    status: script.error.status ?? defaults.status,
    name: script.error.name,
    message: script.error.message ?? defaults.message,
    requestId: exchange.requestId,
    extra,
  });
  return true;
}

export function sendJson(exchange: Exchange, value: unknown, headers: OutgoingHttpHeaders = {}): void {
  const json = JSON.stringify(value);
  exchange.call.status = 200;
  exchange.call.outcome = 'completed';
  exchange.response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'x-amzn-requestid': exchange.requestId,
    ...headers,
  });
  exchange.response.end(json);
}
