import type { CacheControl, MessagesRequest } from '../anthropic/request-schema.js';
import type { BlockPath } from './walk-request-blocks.js';

interface MaybeCached {
  cache_control?: CacheControl | null;
}

/**
 * Every `cache_control` the client set, in request order (tools → system → messages → top level),
 * as dotted paths ending in `cache_control`. Anthropic counts these against its limit of 4.
 */
export function findCacheControlPaths(request: MessagesRequest): BlockPath[] {
  const paths: BlockPath[] = [];
  const note = (item: MaybeCached, path: BlockPath): void => {
    if (item.cache_control !== undefined && item.cache_control !== null) paths.push([...path, 'cache_control']);
  };
  request.tools?.forEach((tool, index) => note(tool as MaybeCached, ['tools', index]));
  if (Array.isArray(request.system)) request.system.forEach((block, index) => note(block, ['system', index]));
  request.messages.forEach((message, messageIndex) => {
    if (typeof message.content === 'string' || message.content === undefined) return;
    message.content.forEach((block, blockIndex) => {
      const path = ['messages', messageIndex, 'content', blockIndex];
      note(block as MaybeCached, path);
      nestedBlocks(block).forEach((item, itemIndex) => note(item, [...path, ...nestedPrefix(block), itemIndex]));
    });
  });
  note(request, []);
  return paths;
}

function nestedBlocks(block: { type: string; content?: unknown; source?: unknown }): MaybeCached[] {
  if ((block.type === 'tool_result' || block.type === 'search_result') && Array.isArray(block.content)) {
    return block.content as MaybeCached[];
  }
  if (block.type === 'document' && typeof block.source === 'object' && block.source !== null) {
    const source = block.source as { type: string; content?: unknown };
    if (source.type === 'content' && Array.isArray(source.content)) return source.content as MaybeCached[];
  }
  return [];
}

function nestedPrefix(block: { type: string }): string[] {
  return block.type === 'document' ? ['source', 'content'] : ['content'];
}
