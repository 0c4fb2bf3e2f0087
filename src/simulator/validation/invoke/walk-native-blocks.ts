import { isRecord, type NativeRequestBlock, type NativeRequestBody } from '../../native/native-request.js';

export interface NativeBlockVisit {
  block: NativeRequestBlock;
  /** Where Claude's blank-text and cache rules report it. */
  section: 'system' | 'messages' | 'tools';
  messageIndex?: number;
}

/** Every block of a shape-checked body: system blocks, message blocks, blocks inside tool results, tools. */
export function walkNativeBlocks(body: NativeRequestBody): NativeBlockVisit[] {
  const visits: NativeBlockVisit[] = [];
  if (Array.isArray(body.system)) for (const block of body.system) visits.push({ block, section: 'system' });
  body.messages.forEach((message, messageIndex) => {
    if (typeof message.content === 'string') return;
    for (const block of message.content) {
      visits.push({ block, section: 'messages', messageIndex });
      const nested = block.type === 'tool_result' && Array.isArray(block['content']) ? (block['content'] as unknown[]) : [];
      for (const item of nested) if (isRecord(item)) visits.push({ block: item, section: 'messages', messageIndex });
    }
  });
  for (const tool of body.tools ?? []) visits.push({ block: tool, section: 'tools' });
  return visits;
}
