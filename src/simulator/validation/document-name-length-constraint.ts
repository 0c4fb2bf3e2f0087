import { coralPath } from './coral-path.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

/** Document names are 1–200 characters (the character set is checked separately, with its own wording). */
export function documentNameLengthConstraint({ body }: ValidationInput): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  (body.messages ?? []).forEach((message, messageIndex) => {
    (message.content ?? []).forEach((block, blockIndex) => {
      const name = block.document?.name;
      if (name === undefined) return;
      const path = coralPath(['messages', messageIndex, 'content', blockIndex, 'document', 'name']);
      if (name.length < 1) violations.push({ path, constraint: 'Member must have length greater than or equal to 1' });
      if (name.length > 200) violations.push({ path, constraint: 'Member must have length less than or equal to 200' });
    });
  });
  return violations;
}
