import type {
  ContentBlockParam,
  DocumentBlockParam,
  TextBlockParam,
  ToolResultBlockParam,
  ToolResultContentParam,
  ToolUseBlockParam,
} from '../../anthropic/request-schema.js';
import { unsupportedField } from '../../errors.js';
import type { Path } from '../conversion-context.js';
import { assistantDocumentError } from '../convert-content-block.js';
import { unfetchedDocumentSourceError } from '../convert-document.js';
import { convertImage } from '../convert-image.js';
import { userCitationsError, type BlockLocation } from '../convert-text-block.js';
import { isUnsupportedBlock, unsupportedBlockError } from '../unsupported-blocks.js';
import { removeField, type NativeContext } from './native-context.js';
import { reduceCacheControl } from './reduce-cache-control.js';

export type NativeBlock = Record<string, unknown>;

/**
 * One message block for the InvokeModel body: passed on as the client sent it, except for what
 * Bedrock rejects (echoed `caller`, null `citations` and `toolset_name`, extra cache_control keys)
 * and what no Bedrock API can carry (URL and file sources, server-tool blocks), refused by name.
 */
export function sanitizeNativeBlock(block: ContentBlockParam | ToolResultContentParam, location: BlockLocation, context: NativeContext): NativeBlock {
  const { role, path } = location;
  if (isUnsupportedBlock(block)) {
    // Compaction blocks come back from responses to requests with the compact_20260112 edit, which this path carries.
    if (block.type !== 'compaction') throw unsupportedBlockError(block, path, 'InvokeModel');
    return withReducedCacheControl(block, path, context);
  }
  switch (block.type) {
    case 'text':
      return sanitizeText(block, location, context);
    case 'image':
      convertImage(block, path);
      return withReducedCacheControl(block, path, context);
    case 'document':
      if (role === 'assistant' && context.anthropicVersion === '2026-10-21') throw assistantDocumentError(path, context.conversion);
      return sanitizeDocument(block, location, context);
    case 'search_result': {
      const copy = withReducedCacheControl(block, path, context);
      copy['content'] = block.content.map((item, index) => sanitizeText(item, { role, path: [...path, 'content', index] }, context));
      return copy;
    }
    case 'thinking':
    case 'redacted_thinking':
      return { ...block };
    case 'tool_use':
      return sanitizeToolUse(block, path, context);
    case 'tool_result':
      return sanitizeToolResult(block, path, context);
    default: {
      const unhandled: never = block;
      throw unsupportedField(path, `content block ${JSON.stringify(unhandled)} is not supported`);
    }
  }
}

function withReducedCacheControl(block: object, path: Path, context: NativeContext): NativeBlock {
  const copy: NativeBlock = { ...block };
  reduceCacheControl(copy, path, context);
  return copy;
}

function sanitizeText(block: TextBlockParam, location: BlockLocation, context: NativeContext): NativeBlock {
  const { role, path } = location;
  if (role === 'user' && context.anthropicVersion === '2026-10-21' && (block.citations ?? []).length > 0) {
    throw userCitationsError(path, context.conversion);
  }
  return cleanTextBlock(block, path, context);
}

/** A text block as Bedrock takes it (also in the top-level system prompt): null citations dropped, cache_control reduced. */
export function cleanTextBlock(block: TextBlockParam, path: Path, context: NativeContext): NativeBlock {
  const copy = withReducedCacheControl(block, path, context);
  if (copy['citations'] === null) removeField(copy, 'citations', path, context);
  return copy;
}

function sanitizeDocument(block: DocumentBlockParam, location: BlockLocation, context: NativeContext): NativeBlock {
  const { path } = location;
  const source = block.source;
  if (source.type === 'url' || source.type === 'file') throw unfetchedDocumentSourceError(source.type, [...path, 'source']);
  const copy = withReducedCacheControl(block, path, context);
  if (source.type === 'content' && Array.isArray(source.content)) {
    const contentPath = [...path, 'source', 'content'];
    const content = source.content.map((item, index) => sanitizeNativeBlock(item, { ...location, path: [...contentPath, index] }, context));
    copy['source'] = { ...source, content };
  }
  return copy;
}

function sanitizeToolUse(block: ToolUseBlockParam, path: Path, context: NativeContext): NativeBlock {
  if (block.caller !== undefined && block.caller.type !== 'direct') {
    throw unsupportedField([...path, 'caller'], `tool calls made by ${block.caller.type} are not supported through Bedrock InvokeModel`);
  }
  checkToolset(block.toolset_name, path);
  const copy = withReducedCacheControl(block, path, context);
  removeField(copy, 'caller', path, context);
  removeField(copy, 'toolset_name', path, context);
  return copy;
}

function sanitizeToolResult(block: ToolResultBlockParam, path: Path, context: NativeContext): NativeBlock {
  checkToolset(block.toolset_name, path);
  const copy = withReducedCacheControl(block, path, context);
  removeField(copy, 'toolset_name', path, context);
  if (Array.isArray(block.content)) {
    copy['content'] = block.content.map((item, index) => sanitizeNativeBlock(item, { role: 'user', path: [...path, 'content', index] }, context));
  }
  return copy;
}

function checkToolset(toolsetName: string | null | undefined, path: Path): void {
  if (toolsetName !== undefined && toolsetName !== null) {
    throw unsupportedField([...path, 'toolset_name'], 'toolsets are not supported through Bedrock InvokeModel');
  }
}
