import type { ConstraintViolation } from './validation-types.js';

export interface IdentifierRule {
  pattern: RegExp;
  /** The pattern as Coral prints it. */
  patternText: string;
  maximumLength: number;
}

export const toolNameRule: IdentifierRule = {
  pattern: /^[a-zA-Z0-9_-]+$/,
  patternText: '[a-zA-Z0-9_-]+',
  maximumLength: 64,
};

export const toolUseIdRule: IdentifierRule = {
  pattern: /^[a-zA-Z0-9_.:-]+$/,
  patternText: '[a-zA-Z0-9_.:-]+',
  maximumLength: 64,
};

/** Length first, then pattern, as Coral lists them. */
export function identifierConstraints(value: string, path: string, rule: IdentifierRule): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  if (value.length < 1) {
    violations.push({ path, constraint: 'Member must have length greater than or equal to 1' });
  }
  if (value.length > rule.maximumLength) {
    violations.push({ path, constraint: `Member must have length less than or equal to ${rule.maximumLength}` });
  }
  if (value.length > 0 && !rule.pattern.test(value)) {
    violations.push({ path, constraint: `Member must satisfy regular expression pattern: ${rule.patternText}` });
  }
  return violations;
}
