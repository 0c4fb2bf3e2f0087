import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { answerConverse } from './answer-converse.js';
import { answerCountTokens } from './answer-count-tokens.js';
import { answerInvoke } from './answer-invoke.js';
import { failCall, rejectRequest, type Exchange } from './exchange.js';
import type { RequestContext } from './request-context.js';
import { countBytesSent, recordHeaders, type RecordedCall } from './transport/call-log.js';
import { checkAuthorization } from './transport/check-authorization.js';
import { parseOperationPath } from './transport/parse-operation-path.js';
import { readRequestBody } from './transport/read-request-body.js';
import type { ResponseSink } from './transport/response-sink.js';
import { writeUnknownOperation } from './transport/write-bedrock-error.js';

export type { RequestContext } from './request-context.js';

export interface SimulatorRequest extends Readable {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

export async function handleRequest(request: SimulatorRequest, response: ResponseSink, context: RequestContext): Promise<void> {
  const requestId = randomUUID();
  const controller = new AbortController();
  context.inFlight.add(controller);
  let call: RecordedCall | undefined;
  const onClose = (): void => {
    controller.abort();
    if (call?.outcome === 'in_progress') call.outcome = 'aborted';
  };
  response.once('close', onClose);
  try {
    const route = parseOperationPath(request.method, request.url);
    const raw = await readRequestBody(request);
    const body = route === undefined ? undefined : parseJson(raw);
    if (route !== undefined) {
      const recorded = body !== undefined && 'value' in body ? body.value : raw.toString('utf8');
      call = context.callLog.record({ ...route, body: recorded, headers: recordHeaders(request.headers), status: 0, outcome: 'in_progress', bytesSent: 0 });
    }
    const received = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body: raw };
    const authorization = await checkAuthorization(received, context.verifier);
    if (!authorization.ok) {
      return failCall(response, call, { status: 403, name: authorization.errorName, message: authorization.message, requestId });
    }
    if (route === undefined || call === undefined || body === undefined) return writeUnknownOperation(response, requestId);
    const exchange: Exchange = { route, body: 'value' in body ? body.value : undefined, call, response: countBytesSent(response, call), context, requestId, signal: controller.signal };
    if ('error' in body) return rejectRequest(exchange, body.error);
    await answer(exchange);
  } catch (error) {
    if (controller.signal.aborted) return;
    if (call !== undefined) call.outcome = 'error';
    if (!response.headersSent) {
      failCall(response, call, { status: 500, name: 'InternalServerException', message: `The simulator failed: ${(error as Error).message}`, requestId });
    } else {
      response.end();
    }
  } finally {
    context.inFlight.delete(controller);
  }
}

async function answer(exchange: Exchange): Promise<void> {
  const operation = exchange.route.operation;
  switch (operation) {
    case 'Converse':
    case 'ConverseStream':
      return answerConverse(exchange);
    case 'InvokeModel':
    case 'InvokeModelWithResponseStream':
      return answerInvoke(exchange);
    case 'CountTokens':
      return answerCountTokens(exchange);
    default: {
      const unexpected: never = operation;
      throw new Error(`unknown operation ${String(unexpected)}`);
    }
  }
}

function parseJson(raw: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(raw.toString('utf8')) };
  } catch (error) {
    return { error: `Malformed input request: the body is not valid JSON (${(error as Error).message}), please reformat your input and try again.` };
  }
}
