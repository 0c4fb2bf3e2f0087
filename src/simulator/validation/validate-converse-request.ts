import type { ConverseRequestBody } from '../../bedrock/types.js';
import { checkRequestShape } from './check-request-shape.js';
import { formatConstraintViolations } from './format-constraint-violations.js';
import { converseRequestShape, converseStreamRequestShape } from './request-shapes.js';
import { constraintRules, validationRules } from './validation-rules.js';
import type { ConstraintViolation } from './validation-types.js';

export type RequestValidation = { ok: true; body: ConverseRequestBody } | { ok: false; message: string };

/** Structure first, then service-model constraints, then the semantic rules, as Bedrock layers them. */
export function validateConverseRequest(
  body: unknown,
  modelId: string,
  operation: 'Converse' | 'ConverseStream' = 'Converse',
): RequestValidation {
  const shape = checkRequestShape(body, operation === 'ConverseStream' ? converseStreamRequestShape : converseRequestShape);
  if (shape.malformed !== undefined) return { ok: false, message: shape.malformed };
  return applyConverseRules(body as ConverseRequestBody, modelId, shape.violations);
}

/** The constraint and semantic rules on a well-shaped body (shared with CountTokens' converse input). */
export function applyConverseRules(body: ConverseRequestBody, modelId: string, shapeViolations: readonly ConstraintViolation[]): RequestValidation {
  const input = { body, modelId };
  const violations = [...shapeViolations];
  for (const rule of constraintRules) violations.push(...rule(input));
  if (violations.length > 0) return { ok: false, message: formatConstraintViolations(violations) };
  for (const rule of validationRules) {
    const message = rule(input);
    if (message !== undefined) return { ok: false, message };
  }
  return { ok: true, body };
}
