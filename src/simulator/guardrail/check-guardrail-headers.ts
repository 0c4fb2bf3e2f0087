import { formatConstraintViolations } from '../validation/format-constraint-violations.js';
import { guardrailConstraints } from './guardrail-constraints.js';

export const guardrailIdentifierHeader = 'x-amzn-bedrock-guardrailidentifier';
export const guardrailVersionHeader = 'x-amzn-bedrock-guardrailversion';
export const traceHeader = 'x-amzn-bedrock-trace';

const invokeTraces = ['ENABLED', 'DISABLED', 'ENABLED_FULL'];

/**
 * InvokeModel's guardrail headers: an identifier needs a version (and a version an identifier), and
 * each value must be one Bedrock accepts. A ValidationException message, or undefined when they pass.
 */
export function checkGuardrailHeaders(headers: Readonly<Record<string, string>>): string | undefined {
  const identifier = headers[guardrailIdentifierHeader];
  const version = headers[guardrailVersionHeader];
  if ((identifier === undefined) !== (version === undefined)) {
    return 'A guardrail needs both X-Amzn-Bedrock-GuardrailIdentifier and X-Amzn-Bedrock-GuardrailVersion.';
  }
  const violations = guardrailConstraints(
    {
      identifier: { value: identifier, path: 'guardrailIdentifier' },
      version: { value: version, path: 'guardrailVersion' },
      trace: { value: headers[traceHeader], path: 'trace' },
    },
    invokeTraces,
  );
  return violations.length > 0 ? formatConstraintViolations(violations) : undefined;
}
