import { countInputTokens } from './answer/count-input-tokens.js';
import { rejectRequest, sendJson, type Exchange } from './exchange.js';
import { nativeRequestView } from './native/native-request-view.js';
import { resolveExchangeScript } from './plan-exchange.js';
import { validateCountTokensRequest } from './validation/validate-count-tokens-request.js';

/**
 * CountTokens: `{inputTokens}` for either input form. A script in the input plays its latency and
 * error as elsewhere, and its `usage.inputTokens` replaces the estimate.
 */
export async function answerCountTokens(exchange: Exchange): Promise<void> {
  const validation = validateCountTokensRequest(exchange.body, exchange.route.modelId);
  if (!validation.ok) return rejectRequest(exchange, validation.message);
  const { input } = validation;
  const body = input.form === 'converse' ? input.body : nativeRequestView(input.body);
  const resolved = await resolveExchangeScript(exchange, body);
  if (resolved === undefined) return;
  sendJson(exchange, { inputTokens: resolved.script.usage?.inputTokens ?? countInputTokens(body) });
}
