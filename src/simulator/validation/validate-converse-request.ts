import type { ConverseRequestBody } from '../../bedrock/types.js';
import { checkRequestShape } from './check-request-shape.js';
import { formatConstraintViolations } from './format-constraint-violations.js';
import { constraintRules, validationRules } from './validation-rules.js';

export type RequestValidation = { ok: true; body: ConverseRequestBody } | { ok: false; message: string };

/** Structure first, then service-model constraints, then the semantic rules, as Bedrock layers them. */
export function validateConverseRequest(body: unknown, modelId: string): RequestValidation {
  const shape = checkRequestShape(body);
  if (shape.malformed !== undefined) return { ok: false, message: shape.malformed };
  const typed = body as ConverseRequestBody;
  const input = { body: typed, modelId };
  const violations = [...shape.violations];
  for (const rule of constraintRules) violations.push(...rule(input));
  if (violations.length > 0) return { ok: false, message: formatConstraintViolations(violations) };
  for (const rule of validationRules) {
    const message = rule(input);
    if (message !== undefined) return { ok: false, message };
  }
  return { ok: true, body: typed };
}
