import type { ConverseRequestBody } from '../../bedrock/types.js';
import { SCRIPT_MARKER } from '../script.js';

export interface DirectiveSearch {
  /** What follows `MOCK_BEDROCK:` in the last user message, trimmed; undefined when there is none. */
  directive: string | undefined;
  /** The other text of the last user message, tool results included, joined with newlines (used by the echo answer). */
  lastUserText: string;
}

export function findDirective(body: ConverseRequestBody): DirectiveSearch {
  const messages = body.messages ?? [];
  let lastUser = messages.length - 1;
  while (lastUser >= 0 && messages[lastUser]?.role !== 'user') lastUser -= 1;
  let directive: string | undefined;
  const texts: string[] = [];
  for (const block of messages[lastUser]?.content ?? []) {
    // A tool result is echoed too, so a test can see what a client's tool returned.
    for (const item of block.toolResult?.content ?? []) if (item.text !== undefined) texts.push(item.text);
    if (block.text === undefined) continue;
    const text = block.text.trimStart();
    if (directive === undefined && text.startsWith(SCRIPT_MARKER)) {
      directive = text.slice(SCRIPT_MARKER.length).trim();
    } else {
      texts.push(block.text);
    }
  }
  return { directive, lastUserText: texts.join('\n') };
}
