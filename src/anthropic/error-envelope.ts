import type { AnthropicErrorType } from '../errors.js';

export interface ErrorEnvelope {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  request_id: string;
}

/** The body of every error response: `{"type":"error","error":{type,message},"request_id"}`. */
export function errorEnvelope(type: AnthropicErrorType, message: string, requestId: string): ErrorEnvelope {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
