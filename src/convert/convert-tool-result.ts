import type { ToolResultBlockParam, ToolResultContentParam } from '../anthropic/request-schema.js';
import type { ConverseContentBlock } from '../bedrock/types.js';
import { unsupportedField } from '../errors.js';
import type { ConverseToolResultContent } from './converse-shapes.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { convertDocument } from './convert-document.js';
import { convertImage } from './convert-image.js';
import { convertSearchResult } from './convert-search-result.js';
import { userCitationsError } from './convert-text-block.js';
import { isUnsupportedBlock, unsupportedBlockError } from './unsupported-blocks.js';

/**
 * Bedrock requires non-blank tool-result content, while Anthropic allows none at all (a tool that
 * succeeded silently); this placeholder says so to the model.
 */
export const emptyToolResultText = '(empty)';

export function convertToolResult(block: ToolResultBlockParam, path: Path, context: ConversionContext): ConverseContentBlock {
  if (block.toolset_name !== undefined && block.toolset_name !== null) {
    throw unsupportedField([...path, 'toolset_name'], 'toolsets are not supported through Bedrock Converse');
  }
  const content = convertContent(block.content, path, context);
  const toolResult = { toolUseId: block.tool_use_id, content: content.length > 0 ? content : [{ text: emptyToolResultText }] };
  return { toolResult: block.is_error === true ? { ...toolResult, status: 'error' } : toolResult };
}

function convertContent(
  content: ToolResultBlockParam['content'],
  path: Path,
  context: ConversionContext,
): Array<ConverseToolResultContent> {
  if (content === undefined) return [];
  if (typeof content === 'string') return content.trim().length > 0 ? [{ text: content }] : [];
  return content.flatMap((item, index) => convertItem(item, [...path, 'content', index], context));
}

function convertItem(item: ToolResultContentParam, path: Path, context: ConversionContext): Array<ConverseToolResultContent> {
  if (isUnsupportedBlock(item)) throw unsupportedBlockError(item, path);
  switch (item.type) {
    case 'text':
      if ((item.citations ?? []).length > 0) throw userCitationsError(path, context);
      return item.text.trim().length > 0 ? [{ text: item.text }] : [];
    case 'image':
      return [{ image: convertImage(item, path) }];
    case 'document':
      return [{ document: convertDocument(item, path, context) }];
    case 'search_result':
      return [{ searchResult: convertSearchResult(item, path, context) }];
    default: {
      const unhandled: never = item;
      throw unsupportedBlockError(unhandled, path);
    }
  }
}
