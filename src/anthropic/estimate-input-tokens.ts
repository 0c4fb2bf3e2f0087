import {
  unsupportedBlockTypes,
  type ContentBlockParam,
  type DocumentBlockParam,
  type ImageBlockParam,
  type MessagesRequest,
  type ToolResultContentParam,
  type UnsupportedBlockParam,
} from './request-schema.js';

/** Text of every kind (prompts, tool definitions and calls as JSON) is counted at this many characters a token. */
const charactersPerToken = 4;
/** Anthropic scales images down to about 1.15 megapixels, about 1,600 tokens; a compressed image of 160 KB is about that big. */
const maxImageTokens = 1600;
const imageBytesPerToken = 100;
/** A PDF page is 1,500 to 3,000 tokens (its text and its image) and typically 20 to 100 KB. */
const pdfBytesPerToken = 20;
/** A document given by URL or file id, whose size is unknown here: counted as about one page. */
const unsizedDocumentTokens = 2500;

/** What a request's parts add up to: text in characters, media directly in tokens. */
interface Tally {
  characters: number;
  tokens: number;
}

const unsupportedTypes: ReadonlySet<string> = new Set(unsupportedBlockTypes);

/** A quick, documented estimate of a Messages request's input tokens (text ≈ 4 characters a token, images and documents by size, tools by their JSON), used for admission and as count_tokens' local answer for models Bedrock cannot count. */
export function estimateInputTokens(request: MessagesRequest): number {
  const tally: Tally = { characters: 0, tokens: 0 };
  if (typeof request.system === 'string') tally.characters += request.system.length;
  else for (const block of request.system ?? []) tally.characters += block.text.length;
  for (const tool of request.tools ?? []) tally.characters += JSON.stringify(tool).length;
  if (request.output_config?.format) tally.characters += JSON.stringify(request.output_config.format.schema).length;
  for (const message of request.messages) {
    if (message.content === undefined) continue;
    if (typeof message.content === 'string') tally.characters += message.content.length;
    else for (const block of message.content) countBlock(block, tally);
  }
  return Math.max(1, Math.ceil(tally.characters / charactersPerToken) + tally.tokens);
}

function countBlock(block: ContentBlockParam | ToolResultContentParam, tally: Tally): void {
  if (isUnsupported(block)) {
    tally.characters += JSON.stringify(block).length;
    return;
  }
  switch (block.type) {
    case 'text':
      tally.characters += block.text.length;
      return;
    case 'image':
      tally.tokens += imageTokens(block);
      return;
    case 'document':
      countDocument(block, tally);
      return;
    case 'search_result':
      tally.characters += block.source.length + block.title.length;
      for (const item of block.content) tally.characters += item.text.length;
      return;
    case 'thinking':
      tally.characters += block.thinking.length;
      return;
    case 'redacted_thinking':
      tally.characters += block.data.length;
      return;
    case 'tool_use':
      tally.characters += block.name.length + (JSON.stringify(block.input ?? {})?.length ?? 0);
      return;
    case 'tool_result':
      if (typeof block.content === 'string') tally.characters += block.content.length;
      else for (const item of block.content ?? []) countBlock(item, tally);
      return;
    default: {
      const unhandled: never = block;
      throw new Error(`unknown content block ${JSON.stringify(unhandled)}`);
    }
  }
}

function isUnsupported(block: { type: string }): block is UnsupportedBlockParam {
  return unsupportedTypes.has(block.type);
}

function imageTokens(block: ImageBlockParam): number {
  if (block.source.type !== 'base64') return maxImageTokens;
  return Math.min(maxImageTokens, Math.ceil(decodedBytes(block.source.data) / imageBytesPerToken));
}

function countDocument(block: DocumentBlockParam, tally: Tally): void {
  tally.characters += (block.title ?? '').length + (block.context ?? '').length;
  const source = block.source;
  switch (source.type) {
    case 'base64':
      tally.tokens += Math.ceil(decodedBytes(source.data) / pdfBytesPerToken);
      return;
    case 'text':
      tally.characters += source.data.length;
      return;
    case 'content':
      if (typeof source.content === 'string') tally.characters += source.content.length;
      else for (const item of source.content) countBlock(item, tally);
      return;
    case 'url':
    case 'file':
      tally.tokens += unsizedDocumentTokens;
      return;
    default: {
      const unhandled: never = source;
      throw new Error(`unknown document source ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Bytes a base64 string decodes to, without decoding it. */
function decodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}
