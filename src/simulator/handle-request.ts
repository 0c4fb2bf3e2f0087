import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { buildStreamEvents } from './answer/build-stream-events.js';
import { measureInput } from './answer/measure-input.js';
import { planAnswer, type AnswerRandom } from './answer/plan-answer.js';
import { renderConverseResponse } from './answer/render-converse-response.js';
import { resolveScript } from './answer/resolve-script.js';
import { bedrockErrorDefaults } from './bedrock-errors.js';
import type { MockScript } from './script.js';
import type { CacheLedger } from './transport/cache-ledger.js';
import { recordHeaders, type CallLog, type RecordedCall } from './transport/call-log.js';
import { checkAuthorization } from './transport/check-authorization.js';
import type { StreamFrameEncoder } from './transport/encode-stream-frame.js';
import { parseOperationPath, type OperationRoute } from './transport/parse-operation-path.js';
import { readRequestBody } from './transport/read-request-body.js';
import type { ResponseSink } from './transport/response-sink.js';
import { sendConverseStream } from './transport/send-converse-stream.js';
import { writeBedrockError, writeUnknownOperation } from './transport/write-bedrock-error.js';
import { validateConverseRequest } from './validation/validate-converse-request.js';
import type { SignatureVerifier } from './verify-signature.js';

export interface RequestContext {
  defaultScript: MockScript | undefined;
  verifier: SignatureVerifier | undefined;
  callLog: CallLog;
  cacheLedger: CacheLedger;
  frames: StreamFrameEncoder;
  random: AnswerRandom;
  /** Requests in flight; the simulator aborts them all when it closes. */
  inFlight: Set<AbortController>;
}

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
      call = context.callLog.record({ ...route, body: recorded, headers: recordHeaders(request.headers), status: 0, outcome: 'in_progress' });
    }
    const received = { method: request.method ?? 'GET', path: request.url ?? '/', headers: request.headers, body: raw };
    const authorization = await checkAuthorization(received, context.verifier);
    if (!authorization.ok) {
      return fail(response, call, { status: 403, name: authorization.errorName, message: authorization.message, requestId });
    }
    if (route === undefined || call === undefined || body === undefined) return writeUnknownOperation(response, requestId);
    await answer({ route, body, call, response, context, requestId, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted) return;
    if (call !== undefined) call.outcome = 'error';
    if (!response.headersSent) {
      fail(response, call, { status: 500, name: 'InternalServerException', message: `The simulator failed: ${(error as Error).message}`, requestId });
    } else {
      response.end();
    }
  } finally {
    context.inFlight.delete(controller);
  }
}

interface AnswerOptions {
  route: OperationRoute;
  body: { value: unknown } | { error: string };
  call: RecordedCall;
  response: ResponseSink;
  context: RequestContext;
  requestId: string;
  signal: AbortSignal;
}

async function answer({ route, body, call, response, context, requestId, signal }: AnswerOptions): Promise<void> {
  const validationError = (message: string): void =>
    fail(response, call, { status: 400, name: 'ValidationException', message, requestId });
  if ('error' in body) return validationError(body.error);
  const validation = validateConverseRequest(body.value, route.modelId);
  if (!validation.ok) return validationError(validation.message);
  const resolution = resolveScript({ body: validation.body, operation: route.operation, defaultScript: context.defaultScript });
  if (!resolution.ok) return validationError(resolution.message);
  const { script } = resolution;
  if ((script.latencyMs ?? 0) > 0) await delay(script.latencyMs, undefined, { signal });
  if (script.error !== undefined) {
    const defaults = bedrockErrorDefaults(script.error.name);
    const extra = script.error.name === 'ModelErrorException' ? { originalStatusCode: 500, resourceName: route.modelId } : undefined;
    const message = script.error.message ?? defaults.message;
    return fail(response, call, { status: script.error.status ?? defaults.status, name: script.error.name, message, requestId, extra });
  }
  const input = measureInput(validation.body);
  const cachePrefixSeen = input.cachePrefix !== undefined && script.usage === undefined && context.cacheLedger.visit(route.modelId, input.cachePrefix.key);
  const plan = planAnswer({ script, body: validation.body, lastUserText: resolution.lastUserText, input, cachePrefixSeen, random: context.random });
  call.status = 200;
  if (route.operation === 'Converse') {
    const json = JSON.stringify(renderConverseResponse(plan));
    call.outcome = 'completed';
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'x-amzn-requestid': requestId });
    response.end(json);
    return;
  }
  const outcome = await sendConverseStream({ response, stream: buildStreamEvents(plan), frames: context.frames, requestId, eventDelayMs: plan.eventDelayMs, signal });
  if (call.outcome === 'in_progress') call.outcome = outcome;
}

function fail(response: ResponseSink, call: RecordedCall | undefined, error: Parameters<typeof writeBedrockError>[1]): void {
  if (call !== undefined) {
    call.status = error.status;
    call.outcome = 'error';
  }
  writeBedrockError(response, error);
}

function parseJson(raw: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(raw.toString('utf8')) };
  } catch (error) {
    return { error: `Malformed input request: the body is not valid JSON (${(error as Error).message}), please reformat your input and try again.` };
  }
}
