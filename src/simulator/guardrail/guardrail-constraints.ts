import { identifierConstraints, type IdentifierRule } from '../validation/identifier-constraints.js';
import type { ConstraintViolation } from '../validation/validation-types.js';

/** One guardrail setting as a request carries it (Converse body or InvokeModel headers), with its Coral path. */
export interface GuardrailValue {
  value: unknown;
  path: string;
}

export interface GuardrailValues {
  identifier: GuardrailValue;
  version: GuardrailValue;
  trace: GuardrailValue;
  /** ConverseStream only. */
  streamProcessingMode?: GuardrailValue;
}

const identifierRule: IdentifierRule = {
  pattern: /^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/,
  patternText: '(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))',
  maximumLength: 2048,
};

const versionRule: IdentifierRule = {
  pattern: /^(([1-9][0-9]{0,7})|(DRAFT))$/,
  patternText: '(([1-9][0-9]{0,7})|(DRAFT))',
  maximumLength: 8,
};

const streamProcessingModes = ['sync', 'async'];

/** Bedrock's constraints on a guardrail's identifier, version, trace and stream mode; `traces` differ in case between the APIs. */
export function guardrailConstraints(values: GuardrailValues, traces: readonly string[]): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  const { identifier, version, trace, streamProcessingMode } = values;
  if (typeof identifier.value === 'string') violations.push(...identifierConstraints(identifier.value, identifier.path, identifierRule));
  if (typeof version.value === 'string') violations.push(...identifierConstraints(version.value, version.path, versionRule));
  violations.push(...enumViolation(trace, traces));
  if (streamProcessingMode !== undefined) violations.push(...enumViolation(streamProcessingMode, streamProcessingModes));
  return violations;
}

function enumViolation({ value, path }: GuardrailValue, allowed: readonly string[]): ConstraintViolation[] {
  if (typeof value !== 'string' || allowed.includes(value)) return [];
  return [{ path, constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]`, value }];
}
