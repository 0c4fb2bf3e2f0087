import type { Exchange } from '../exchange.js';
import { guardrailIdentifierHeader } from './check-guardrail-headers.js';

/** Whether the request asks Bedrock to apply a guardrail: Converse in its body, InvokeModel in its headers. */
export function appliesGuardrail(exchange: Exchange): boolean {
  const operation = exchange.route.operation;
  switch (operation) {
    case 'Converse':
    case 'ConverseStream': {
      const body = exchange.body;
      return typeof body === 'object' && body !== null && 'guardrailConfig' in body && typeof body.guardrailConfig === 'object' && body.guardrailConfig !== null;
    }
    case 'InvokeModel':
    case 'InvokeModelWithResponseStream':
      return exchange.call.headers[guardrailIdentifierHeader] !== undefined;
    case 'CountTokens':
      return false;
    default: {
      const unexpected: never = operation;
      throw new Error(`unknown operation ${String(unexpected)}`);
    }
  }
}
