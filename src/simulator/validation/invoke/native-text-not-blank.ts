import type { NativeRequestBody } from '../../native/native-request.js';
import { walkNativeBlocks } from './walk-native-blocks.js';

/** Empty or whitespace-only text in system, messages or tool results (a message given as a string included). */
export function nativeTextNotBlank(body: NativeRequestBody): string | undefined {
  const last = body.messages.length - 1;
  const stringContent = body.messages.findIndex(
    (message, index) =>
      typeof message.content === 'string' && message.content.trim().length === 0 && !(index === last && message.role === 'assistant'),
  );
  if (stringContent !== -1) return blank('messages', body.messages[stringContent]?.content as string);
  for (const { block, section } of walkNativeBlocks(body)) {
    if (section === 'tools' || block.type !== 'text' || typeof block['text'] !== 'string') continue;
    if (block['text'].trim().length === 0) return blank(section, block['text']);
  }
  return undefined;
}

function blank(section: string, text: string): string {
  return text.length === 0
    ? `${section}: text content blocks must be non-empty`
    : `${section}: text content blocks must contain non-whitespace text`;
}
