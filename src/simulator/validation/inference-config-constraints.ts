import type { ConstraintViolation, ValidationInput } from './validation-types.js';

/** maxTokens ≥ 1, temperature and topP within 0–1, stop sequences non-empty. */
export function inferenceConfigConstraints({ body }: ValidationInput): ConstraintViolation[] {
  const config = body.inferenceConfig;
  if (config === undefined) return [];
  const violations: ConstraintViolation[] = [];
  if (config.maxTokens !== undefined && config.maxTokens < 1) {
    violations.push({
      path: 'inferenceConfig.maxTokens',
      constraint: 'Member must have value greater than or equal to 1',
      value: config.maxTokens,
    });
  }
  for (const name of ['temperature', 'topP'] as const) {
    const value = config[name];
    if (value === undefined) continue;
    if (value < 0) {
      violations.push({ path: `inferenceConfig.${name}`, constraint: 'Member must have value greater than or equal to 0', value });
    } else if (value > 1) {
      violations.push({ path: `inferenceConfig.${name}`, constraint: 'Member must have value less than or equal to 1', value });
    }
  }
  if (config.stopSequences?.some((sequence) => sequence.length === 0) === true) {
    violations.push({
      path: 'inferenceConfig.stopSequences',
      constraint: 'Member must satisfy constraint: [Member must have length greater than or equal to 1]',
    });
  }
  return violations;
}
