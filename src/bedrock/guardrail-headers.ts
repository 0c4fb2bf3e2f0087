import type { GuardrailSettings, GuardrailTrace } from './guardrail-settings.js';

/**
 * The request headers that apply a guardrail to InvokeModel and InvokeModelWithResponseStream
 * (they are signed with the rest). Converse carries the same settings in `guardrailConfig` instead.
 */
export function guardrailHeaders(guardrail: GuardrailSettings | undefined): Record<string, string> {
  if (guardrail === undefined) return {};
  const headers: Record<string, string> = {
    'x-amzn-bedrock-guardrailidentifier': guardrail.identifier,
    'x-amzn-bedrock-guardrailversion': guardrail.version,
  };
  if (guardrail.trace !== undefined) headers['x-amzn-bedrock-trace'] = invokeTrace(guardrail.trace);
  return headers;
}

function invokeTrace(trace: GuardrailTrace): string {
  switch (trace) {
    case 'enabled':
      return 'ENABLED';
    case 'disabled':
      return 'DISABLED';
    case 'enabled_full':
      return 'ENABLED_FULL';
    default: {
      const unexpected: never = trace;
      throw new Error(`unknown guardrail trace ${String(unexpected)}`);
    }
  }
}
