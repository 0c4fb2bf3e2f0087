import { isRecord, type NativeRequestBody } from '../../native/native-request.js';
import { isAnthropicModel } from '../validation-types.js';
import { invokeRules, invokeShapeRules } from './invoke-rules.js';

export type InvokeBodyValidation = { ok: true; body: NativeRequestBody } | { ok: false; message: string };

/** A native InvokeModel body for a Claude model, checked as Bedrock's Claude endpoint checks it. */
export function validateInvokeBody(body: unknown, modelId: string): InvokeBodyValidation {
  if (!isAnthropicModel(modelId)) {
    return {
      ok: false,
      message: `Malformed input request: the simulator's InvokeModel speaks only the Anthropic Claude body, and ${modelId} is not a Claude model id (anthropic.…), please reformat your input and try again.`,
    };
  }
  if (!isRecord(body)) {
    return { ok: false, message: 'Malformed input request: the body must be a JSON object, please reformat your input and try again.' };
  }
  for (const rule of invokeShapeRules) {
    const message = rule(body);
    if (message !== undefined) return { ok: false, message };
  }
  const typed = body as NativeRequestBody;
  for (const rule of invokeRules) {
    const message = rule(typed);
    if (message !== undefined) return { ok: false, message };
  }
  return { ok: true, body: typed };
}
