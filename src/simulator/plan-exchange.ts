import type { ConverseRequestBody } from '../bedrock/types.js';
import type { AnswerPlan } from './answer/answer-plan.js';
import { measureInput } from './answer/measure-input.js';
import { planAnswer, type AnswerRandom } from './answer/plan-answer.js';
import { resolveScript } from './answer/resolve-script.js';
import { playScriptPrelude, rejectRequest, type Exchange } from './exchange.js';
import { appliesGuardrail } from './guardrail/applies-guardrail.js';
import { SCRIPT_MARKER, type MockScript } from './script.js';

const guardrailMissingMessage =
  `${SCRIPT_MARKER} "guardrail": "intervene" needs a guardrail on the request: guardrailConfig (Converse, ConverseStream) ` +
  'or the X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion headers (InvokeModel).';

export interface ExchangeScript {
  script: MockScript;
  lastUserText: string;
}

/**
 * Finds the request's script (its directive, the default script, or the echo), then plays its latency
 * and scripted error. Undefined when the exchange has been answered already (a bad directive, an error).
 */
export async function resolveExchangeScript(exchange: Exchange, body: ConverseRequestBody): Promise<ExchangeScript | undefined> {
  const resolution = resolveScript({ body, operation: exchange.route.operation, defaultScript: exchange.context.defaultScript });
  if (!resolution.ok) {
    rejectRequest(exchange, resolution.message);
    return undefined;
  }
  if (resolution.script.guardrail !== undefined && exchange.route.operation !== 'CountTokens' && !appliesGuardrail(exchange)) {
    rejectRequest(exchange, guardrailMissingMessage);
    return undefined;
  }
  if (await playScriptPrelude(exchange, resolution.script)) return undefined;
  return { script: resolution.script, lastUserText: resolution.lastUserText };
}

/**
 * Plans the answer to a request, Converse or native (seen through its Converse view): one planner
 * for every operation, with the cache-prefix ledger consulted once.
 */
export async function planExchange(exchange: Exchange, body: ConverseRequestBody, random: AnswerRandom): Promise<AnswerPlan | undefined> {
  const resolved = await resolveExchangeScript(exchange, body);
  if (resolved === undefined) return undefined;
  const { script, lastUserText } = resolved;
  const input = measureInput(body);
  const { cacheLedger } = exchange.context;
  const cachePrefixSeen =
    input.cachePrefix !== undefined && script.usage === undefined && cacheLedger.visit(exchange.route.modelId, input.cachePrefix.key);
  return planAnswer({ script, body, lastUserText, input, cachePrefixSeen, random });
}
