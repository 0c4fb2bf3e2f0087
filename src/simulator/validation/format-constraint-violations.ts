import type { ConstraintViolation } from './validation-types.js';

/** Coral's wording: "2 validation errors detected: Value at 'a' failed to satisfy constraint: …; Value …". */
export function formatConstraintViolations(violations: readonly ConstraintViolation[]): string {
  const count = violations.length;
  const details = violations.map(formatViolation).join('; ');
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${details}`;
}

function formatViolation(violation: ConstraintViolation): string {
  const value = violation.value === undefined ? '' : ` ${violation.value === null ? 'null' : `'${violation.value}'`}`;
  return `Value${value} at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`;
}
