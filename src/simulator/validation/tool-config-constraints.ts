import { coralPath } from './coral-path.js';
import { identifierConstraints, toolNameRule } from './identifier-constraints.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

/** At least one tool; every toolSpec name 1–64 characters of `[a-zA-Z0-9_-]`. */
export function toolConfigConstraints({ body }: ValidationInput): ConstraintViolation[] {
  const tools = body.toolConfig?.tools;
  if (tools === undefined) return [];
  if (tools.length === 0) {
    return [{ path: 'toolConfig.tools', constraint: 'Member must have length greater than or equal to 1' }];
  }
  return tools.flatMap((tool, index) =>
    tool.toolSpec === undefined
      ? []
      : identifierConstraints(tool.toolSpec.name ?? '', coralPath(['toolConfig', 'tools', index, 'toolSpec', 'name']), toolNameRule),
  );
}
