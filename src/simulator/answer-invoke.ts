import type { OutgoingHttpHeaders } from 'node:http';
import type { AnswerPlan } from './answer/answer-plan.js';
import { rejectRequest, sendJson, type Exchange } from './exchange.js';
import { appliesGuardrail } from './guardrail/applies-guardrail.js';
import { checkGuardrailHeaders } from './guardrail/check-guardrail-headers.js';
import { buildNativeStreamEvents } from './native/build-native-stream-events.js';
import { nativeRequestView } from './native/native-request-view.js';
import { renderNativeMessage } from './native/render-native-message.js';
import { planExchange } from './plan-exchange.js';
import { sendInvokeStream } from './transport/send-invoke-stream.js';
import { validateInvokeBody } from './validation/invoke/validate-invoke-body.js';

/** InvokeModel and InvokeModelWithResponseStream with the native Claude body. */
export async function answerInvoke(exchange: Exchange): Promise<void> {
  const { route, context, call } = exchange;
  const validation = validateInvokeBody(exchange.body, route.modelId);
  if (!validation.ok) return rejectRequest(exchange, validation.message);
  const headerProblem = checkGuardrailHeaders(call.headers);
  if (headerProblem !== undefined) return rejectRequest(exchange, headerProblem);
  const plan = await planExchange(exchange, nativeRequestView(validation.body), context.nativeRandom);
  if (plan === undefined) return;
  const identity = { messageId: context.messageId(), modelId: route.modelId };
  if (route.operation !== 'InvokeModelWithResponseStream') {
    const message = renderNativeMessage(plan, identity);
    // Bedrock says beside the whole answer whether the request's guardrail stepped in.
    if (appliesGuardrail(exchange)) message['amazon-bedrock-guardrailAction'] = plan.stopReason === 'guardrail_intervened' ? 'INTERVENED' : 'NONE';
    return sendJson(exchange, message, tokenCountHeaders(plan));
  }
  call.status = 200;
  const outcome = await sendInvokeStream({
    response: exchange.response,
    stream: buildNativeStreamEvents(plan, identity),
    frames: context.frames,
    requestId: exchange.requestId,
    eventDelayMs: plan.eventDelayMs,
    faults: plan.streamFaults,
    signal: exchange.signal,
  });
  if (call.outcome === 'in_progress') call.outcome = outcome;
}

/** The counts Bedrock reports beside an InvokeModel body; cache counts only when there are any. */
function tokenCountHeaders(plan: AnswerPlan): OutgoingHttpHeaders {
  const { usage } = plan;
  const headers: OutgoingHttpHeaders = {
    'x-amzn-bedrock-input-token-count': String(usage.inputTokens ?? 0),
    'x-amzn-bedrock-output-token-count': String(usage.outputTokens ?? 0),
    'x-amzn-bedrock-invocation-latency': String(Math.max(1, plan.latencyMs)),
  };
  if ((usage.cacheReadInputTokens ?? 0) > 0) headers['x-amzn-bedrock-cache-read-input-token-count'] = String(usage.cacheReadInputTokens);
  if ((usage.cacheWriteInputTokens ?? 0) > 0) headers['x-amzn-bedrock-cache-write-input-token-count'] = String(usage.cacheWriteInputTokens);
  return headers;
}
