import type { ConverseRequestBody, GuardrailSettings } from '../bedrock/types.js';

/** The proxy's (or the key's) guardrail as Converse's `guardrailConfig`; no trace setting means Bedrock's default. */
export function convertGuardrailConfig(guardrail: GuardrailSettings): NonNullable<ConverseRequestBody['guardrailConfig']> {
  const config: NonNullable<ConverseRequestBody['guardrailConfig']> = {
    guardrailIdentifier: guardrail.identifier,
    guardrailVersion: guardrail.version,
  };
  if (guardrail.trace !== undefined) config.trace = guardrail.trace;
  return config;
}
