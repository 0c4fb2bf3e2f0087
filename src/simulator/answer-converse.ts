import { buildStreamEvents } from './answer/build-stream-events.js';
import { renderConverseResponse } from './answer/render-converse-response.js';
import { rejectRequest, sendJson, type Exchange } from './exchange.js';
import { planExchange } from './plan-exchange.js';
import { sendConverseStream } from './transport/send-converse-stream.js';
import { validateConverseRequest } from './validation/validate-converse-request.js';

/** Converse and ConverseStream. */
export async function answerConverse(exchange: Exchange): Promise<void> {
  const { route, context, call } = exchange;
  const validation = validateConverseRequest(exchange.body, route.modelId, route.operation === 'ConverseStream' ? 'ConverseStream' : 'Converse');
  if (!validation.ok) return rejectRequest(exchange, validation.message);
  const plan = await planExchange(exchange, validation.body, context.random);
  if (plan === undefined) return;
  if (route.operation !== 'ConverseStream') return sendJson(exchange, renderConverseResponse(plan));
  call.status = 200;
  const outcome = await sendConverseStream({
    response: exchange.response,
    stream: buildStreamEvents(plan),
    frames: context.frames,
    requestId: exchange.requestId,
    eventDelayMs: plan.eventDelayMs,
    faults: plan.streamFaults,
    signal: exchange.signal,
  });
  if (call.outcome === 'in_progress') call.outcome = outcome;
}
