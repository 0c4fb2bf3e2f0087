import { coralPath } from './coral-path.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

const roles = ['user', 'assistant'];

/** `role` is an enum; a `system` role inside `messages` is refused (system text belongs in `system`). */
export function messageRoleConstraint({ body }: ValidationInput): ConstraintViolation[] {
  const violations: ConstraintViolation[] = [];
  (body.messages ?? []).forEach((message, index) => {
    if (message.role !== undefined && !roles.includes(message.role)) {
      violations.push({
        path: coralPath(['messages', index, 'role']),
        constraint: `Member must satisfy enum value set: [${roles.join(', ')}]`,
        value: message.role,
      });
    }
  });
  return violations;
}
