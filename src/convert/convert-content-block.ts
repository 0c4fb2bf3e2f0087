import type { CacheControl, ContentBlockParam, ToolUseBlockParam } from '../anthropic/request-schema.js';
import type { ConverseContentBlock } from '../bedrock/types.js';
import { invalidField, unsupportedField } from '../errors.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { convertDocument } from './convert-document.js';
import { convertImage } from './convert-image.js';
import { convertSearchResult } from './convert-search-result.js';
import { convertTextBlock, type BlockLocation } from './convert-text-block.js';
import { convertToolResult } from './convert-tool-result.js';
import { asDocumentValue } from './document-value.js';
import { isUnsupportedBlock, unsupportedBlockError } from './unsupported-blocks.js';

/** One message block in Converse form (spec §2.1); undefined for blank text. */
export function convertContentBlock(block: ContentBlockParam, location: BlockLocation, context: ConversionContext): ConverseContentBlock | undefined {
  const { role, path } = location;
  if (isUnsupportedBlock(block)) throw unsupportedBlockError(block, path);
  switch (block.type) {
    case 'text':
      return convertTextBlock(block, location, context);
    case 'image':
      if (role === 'assistant') throw invalidField(path, 'Bedrock accepts images only in user messages');
      return { image: convertImage(block, path) };
    case 'document':
      if (role === 'assistant') throw assistantDocumentError(path, context);
      return { document: convertDocument(block, path, context) };
    case 'search_result':
      return { searchResult: convertSearchResult(block, path, context) };
    case 'thinking':
      return { reasoningContent: { reasoningText: { text: block.thinking, signature: block.signature } } };
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: block.data } };
    case 'tool_use':
      return convertToolUse(block, path, context);
    case 'tool_result':
      return convertToolResult(block, path, context);
    default: {
      const unhandled: never = block;
      throw unsupportedBlockError(unhandled, path);
    }
  }
}

/**
 * The cache_control that places a cache point after this block. Bedrock cannot put one inside a
 * tool result, document or search result, so a mark on a nested item moves to just after the
 * block that holds it (the cached prefix then also covers the rest of that block).
 */
export function blockCacheControl(block: ContentBlockParam): CacheControl | undefined {
  if (isUnsupportedBlock(block) || block.type === 'thinking' || block.type === 'redacted_thinking') return undefined;
  if (block.cache_control !== undefined && block.cache_control !== null) return block.cache_control;
  return nestedItems(block).find((item) => item.cache_control !== undefined && item.cache_control !== null)?.cache_control ?? undefined;
}

function nestedItems(block: ContentBlockParam): Array<{ cache_control?: CacheControl | null }> {
  if (block.type === 'search_result') return block.content;
  if (block.type === 'tool_result' && Array.isArray(block.content)) {
    return block.content.map((item) => item as { cache_control?: CacheControl | null });
  }
  if (block.type === 'document' && block.source.type === 'content' && Array.isArray(block.source.content)) return block.source.content;
  return [];
}

function convertToolUse(block: ToolUseBlockParam, path: Path, context: ConversionContext): ConverseContentBlock {
  if (block.caller !== undefined && block.caller.type !== 'direct') {
    throw unsupportedField([...path, 'caller'], `tool calls made by ${block.caller.type} are not supported through Bedrock Converse`);
  }
  if (block.toolset_name !== undefined && block.toolset_name !== null) {
    throw unsupportedField([...path, 'toolset_name'], 'toolsets are not supported through Bedrock Converse');
  }
  const name = context.toolNames.register(block.name, [...path, 'name']);
  return { toolUse: { toolUseId: block.id, name, input: asDocumentValue(block.input) } };
}

/** Documents in assistant turns: illegal under 2026-10-21, and without a Converse place before it. */
export function assistantDocumentError(path: Path, context: ConversionContext): Error {
  if (context.options.anthropicVersion === '2026-10-21') {
    return invalidField(path, 'document blocks are not allowed in assistant messages with anthropic-version 2026-10-21');
  }
  return invalidField(path, 'Bedrock accepts documents only in user messages');
}
