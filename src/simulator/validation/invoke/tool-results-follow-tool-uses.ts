import { contentBlocks, type NativeRequestBody, type NativeRequestMessage } from '../../native/native-request.js';

/**
 * Claude's pairing: every `tool_use` is answered by a `tool_result` with its id among the blocks that
 * open the next message (when there is one), and every `tool_result` answers a `tool_use` of the
 * message before it.
 */
export function toolResultsFollowToolUses(body: NativeRequestBody): string | undefined {
  const { messages } = body;
  for (let index = 0; index < messages.length; index += 1) {
    const previousUses = index > 0 ? toolUseIds(messages[index - 1]) : [];
    const blocks = contentBlocks(messages[index]?.content);
    const orphan = blocks.findIndex((block) => block.type === 'tool_result' && !previousUses.includes(String(block['tool_use_id'])));
    if (orphan !== -1) {
      return `messages.${index}.content.${orphan}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(blocks[orphan]?.['tool_use_id'])}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
    const next = messages[index + 1];
    if (next === undefined) continue;
    const answered = leadingToolResultIds(next);
    const missing = toolUseIds(messages[index]).filter((id) => !answered.includes(id));
    if (missing.length > 0) {
      return `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }
  return undefined;
}

function toolUseIds(message: NativeRequestMessage | undefined): string[] {
  return contentBlocks(message?.content).flatMap((block) => (block.type === 'tool_use' ? [String(block['id'])] : []));
}

/** The ids of the tool results that open a message, before any other kind of block. */
function leadingToolResultIds(message: NativeRequestMessage): string[] {
  const ids: string[] = [];
  for (const block of contentBlocks(message.content)) {
    if (block.type !== 'tool_result') break;
    ids.push(String(block['tool_use_id']));
  }
  return ids;
}
