import { guardrailConstraints } from '../guardrail/guardrail-constraints.js';
import type { ConstraintViolation, ValidationInput } from './validation-types.js';

const converseTraces = ['enabled', 'disabled', 'enabled_full'];

/** `guardrailConfig`: identifier and version as Bedrock accepts them, `trace` and (ConverseStream) `streamProcessingMode` from their enums. */
export function guardrailConfigConstraints({ body }: ValidationInput): ConstraintViolation[] {
  const config: Record<string, unknown> | undefined = body.guardrailConfig;
  if (config === undefined || config === null) return [];
  const at = (member: string) => ({ value: config[member], path: `guardrailConfig.${member}` });
  return guardrailConstraints(
    { identifier: at('guardrailIdentifier'), version: at('guardrailVersion'), trace: at('trace'), streamProcessingMode: at('streamProcessingMode') },
    converseTraces,
  );
}
