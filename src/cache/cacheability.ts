import type { MessagesRequest } from '../anthropic/request-schema.js';
import { walkRequestBlocks } from '../convert/walk-request-blocks.js';

/**
 * Cacheable when forced (the header) or when the request is deterministic: temperature 0 (absent
 * temperature means 1.0 on Claude, so not deterministic).
 * - Never with thinking on (`enabled`, `adaptive`, `between_tools`): thinking blocks carry
 *   signatures tied to one generation, and thinking requires temperature 1 anyway.
 * - tool_choice does not matter: a forced tool call at temperature 0 is as repeatable as text, and
 *   a replayed tool_use id is harmless (the next turn's history differs, so its key does too).
 * - Image or document `url` sources are cached only when forced: what the URL serves may change
 *   while the request text stays the same.
 */
export function isCacheable(request: MessagesRequest, options: { forced: boolean }): boolean {
  if (request.thinking !== undefined && request.thinking.type !== 'disabled') return false;
  if (options.forced) return true;
  return request.temperature === 0 && !hasUrlSource(request);
}

function hasUrlSource(request: MessagesRequest): boolean {
  let found = false;
  walkRequestBlocks(request, (block) => {
    if ((block.type === 'image' || block.type === 'document') && block.source.type === 'url') found = true;
  });
  return found;
}
