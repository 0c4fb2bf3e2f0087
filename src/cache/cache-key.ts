import { createHash } from 'node:crypto';
import type { MessagesRequest } from '../anthropic/request-schema.js';
import { canonicalJson } from './canonical-json.js';

/** Changed whenever what the key covers changes, so entries written under the old rules stop matching. */
const keyVersion = 'response-cache/v1';

/**
 * SHA-256 hex of the canonical request: model, system, messages, tools, tool_choice, thinking,
 * output_config, sampling params (max_tokens, temperature, top_p, top_k, stop_sequences), and the
 * sorted betas; not stream, not metadata. Object keys are sorted, so equal requests give equal keys
 * whatever their key order. Every other request field is covered too (cache_control,
 * context_management, service_tier, …): a field this key left out could make two different
 * questions share one answer.
 */
export function responseCacheKey(request: MessagesRequest, betas: readonly string[]): string {
  const { stream: _stream, metadata: _metadata, ...answered } = request;
  const canonical = canonicalJson({ version: keyVersion, request: answered, betas: [...new Set(betas)].sort() });
  return createHash('sha256').update(canonical).digest('hex');
}
