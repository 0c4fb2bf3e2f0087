import type { ContentBlockParam, MessagesRequest, ToolResultContentParam } from '../anthropic/request-schema.js';

export type BlockPath = ReadonlyArray<string | number>;
export type VisitedBlock = ContentBlockParam | ToolResultContentParam;

/** Visits every content block of every message, and the blocks inside tool results, in request order. */
export function walkRequestBlocks(request: MessagesRequest, visit: (block: VisitedBlock, path: BlockPath) => void): void {
  request.messages.forEach((message, messageIndex) => {
    if (message.role === 'system' || typeof message.content === 'string') return;
    message.content.forEach((block, blockIndex) => {
      const path = ['messages', messageIndex, 'content', blockIndex];
      visit(block, path);
      if (block.type !== 'tool_result' || block.content === undefined || typeof block.content === 'string') return;
      block.content.forEach((item, itemIndex) => visit(item, [...path, 'content', itemIndex]));
    });
  });
}
