import type { MessagesRequest } from '../anthropic/request-schema.js';
import { ProxyError } from '../errors.js';
import { findCacheControlPaths } from './find-cache-controls.js';
import { walkRequestBlocks, type BlockPath } from './walk-request-blocks.js';

/** Operator switches: a request that needs a disabled feature is refused, naming the switch. */
export interface FeatureFlags {
  toolUse: boolean;
  extendedThinking: boolean;
  documents: boolean;
  promptCaching: boolean;
}

/** Throws FEATURE_DISABLED for the first part of the request that needs a switched-off feature. */
export function checkFeatureFlags(request: MessagesRequest, features: FeatureFlags): void {
  if (!features.toolUse) {
    if (request.tools !== undefined && request.tools.length > 0) throw disabled(['tools'], 'tool use', 'ENABLE_TOOL_USE');
    if (request.tool_choice !== undefined) throw disabled(['tool_choice'], 'tool use', 'ENABLE_TOOL_USE');
    const toolBlock = findBlock(request, (type) => type === 'tool_use' || type === 'tool_result');
    if (toolBlock !== undefined) throw disabled(toolBlock, 'tool use', 'ENABLE_TOOL_USE');
  }
  if (!features.extendedThinking && request.thinking !== undefined && request.thinking.type !== 'disabled') {
    throw disabled(['thinking'], 'extended thinking', 'ENABLE_EXTENDED_THINKING');
  }
  if (!features.documents) {
    const documentBlock = findBlock(request, (type) => type === 'document');
    if (documentBlock !== undefined) throw disabled(documentBlock, 'document support', 'ENABLE_DOCUMENT_SUPPORT');
  }
  if (!features.promptCaching) {
    const cacheControl = findCacheControlPaths(request)[0];
    if (cacheControl !== undefined) throw disabled(cacheControl, 'prompt caching', 'PROMPT_CACHING_ENABLED');
  }
}

function findBlock(request: MessagesRequest, matches: (type: string) => boolean): BlockPath | undefined {
  let found: BlockPath | undefined;
  walkRequestBlocks(request, (block, path) => {
    if (found === undefined && matches(block.type)) found = path;
  });
  return found;
}

function disabled(path: BlockPath, feature: string, flag: string): ProxyError {
  return new ProxyError('FEATURE_DISABLED', `${path.join('.')}: ${feature} is disabled on this proxy (${flag}=false)`);
}
