import { coralPath } from './coral-path.js';
import { identifierConstraints, toolNameRule, toolUseIdRule } from './identifier-constraints.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

/** toolUse names and ids, and toolResult ids, in the history: the same patterns as tool definitions. */
export function toolBlockConstraints({ body }: ValidationInput): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  (body.messages ?? []).forEach((message, messageIndex) => {
    (message.content ?? []).forEach((block, blockIndex) => {
      const at = (...rest: string[]): string => coralPath(['messages', messageIndex, 'content', blockIndex, ...rest]);
      if (block.toolUse !== undefined) {
        violations.push(...identifierConstraints(block.toolUse.toolUseId ?? '', at('toolUse', 'toolUseId'), toolUseIdRule));
        violations.push(...identifierConstraints(block.toolUse.name ?? '', at('toolUse', 'name'), toolNameRule));
      }
      if (block.toolResult !== undefined) {
        violations.push(...identifierConstraints(block.toolResult.toolUseId ?? '', at('toolResult', 'toolUseId'), toolUseIdRule));
      }
    });
  });
  return violations;
}
