import type { ConverseRequestBody } from '../../bedrock/types.js';

export interface ValidationInput {
  body: ConverseRequestBody;
  /** Percent-decoded model id from the path. */
  modelId: string;
}

/** A ValidationException message worded like Bedrock's, or undefined when the request passes. */
export type ValidationRule = (input: ValidationInput) => string | undefined;

/** One failed Coral (service model) constraint, reported in Coral's "N validation errors detected" form. */
export interface ConstraintViolation {
  /** Coral path: 1-based list indexes followed by `.member` (`messages.2.member.content.1.member.toolUse.name`). */
  path: string;
  constraint: string;
  /** Shown as `Value '<value>' at …` (Bedrock shows numbers and enum values, never names or ids). */
  value?: string | number | null;
}

export type ConstraintRule = (input: ValidationInput) => ConstraintViolation[];

export function isAnthropicModel(modelId: string): boolean {
  return modelId.includes('anthropic.');
}
