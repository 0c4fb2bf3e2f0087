import type { ConverseRequestBody } from '../../bedrock/types.js';
import type { NativeRequestBody } from '../native/native-request.js';
import { checkRequestShape } from './check-request-shape.js';
import { formatConstraintViolations } from './format-constraint-violations.js';
import { validateInvokeBody } from './invoke/validate-invoke-body.js';
import { countTokensRequestShape } from './request-shapes.js';
import { applyConverseRules } from './validate-converse-request.js';

export type CountTokensInput = { form: 'converse'; body: ConverseRequestBody } | { form: 'invokeModel'; body: NativeRequestBody };

export type CountTokensValidation = { ok: true; input: CountTokensInput } | { ok: false; message: string };

interface CountTokensBody {
  input: { converse?: ConverseRequestBody | null; invokeModel?: { body: string } | null };
}

/**
 * CountTokens answers only for a base foundation-model id (`anthropic.…`): a geo prefix (`us.`,
 * `global.`…) or an inference-profile ARN is refused, as are models without token counting. The
 * converse input is checked with the Converse rules, the invokeModel body with the InvokeModel rules.
 */
export function validateCountTokensRequest(body: unknown, modelId: string): CountTokensValidation {
  const shape = checkRequestShape(body, countTokensRequestShape);
  if (shape.malformed !== undefined) return { ok: false, message: shape.malformed };
  if (!modelId.startsWith('anthropic.')) return { ok: false, message: "The provided model doesn't support counting tokens." };
  const { input } = body as Partial<CountTokensBody>;
  const converseInput = input?.converse;
  if (converseInput !== undefined && converseInput !== null) {
    const converse = applyConverseRules(converseInput, modelId, shape.violations);
    return converse.ok ? { ok: true, input: { form: 'converse', body: converse.body } } : converse;
  }
  if (shape.violations.length > 0) return { ok: false, message: formatConstraintViolations(shape.violations) };
  const decoded = decodeInvokeBody(input?.invokeModel?.body ?? '');
  if ('message' in decoded) return { ok: false, message: decoded.message };
  const invoke = validateInvokeBody(decoded.value, modelId);
  return invoke.ok ? { ok: true, input: { form: 'invokeModel', body: invoke.body } } : invoke;
}

function decodeInvokeBody(base64: string): { value: unknown } | { message: string } {
  try {
    return { value: JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) };
  } catch (error) {
    return {
      message: `Malformed input request: input.invokeModel.body is not valid JSON (${(error as Error).message}), please reformat your input and try again.`,
    };
  }
}
