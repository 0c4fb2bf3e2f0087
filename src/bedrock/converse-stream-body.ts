import type { ConverseRequestBody, ConverseStreamRequestBody } from './types.js';

/**
 * A Converse body as ConverseStream takes it. With a guardrail, the stream is checked in `sync`
 * mode: each chunk is assessed before it is sent, so text a guardrail blocks never reaches the
 * client (Converse itself refuses the field, so only this call adds it).
 */
export function converseStreamBody(body: ConverseRequestBody): ConverseStreamRequestBody {
  if (body.guardrailConfig === undefined) return body;
  return { ...body, guardrailConfig: { ...body.guardrailConfig, streamProcessingMode: 'sync' } };
}
