import type { ConverseMessage } from '../../bedrock/types.js';
import type { ValidationInput } from './validation-types.js';

/**
 * The message after an assistant turn with toolUse blocks must answer every id with a toolResult, and
 * a toolResult must answer a toolUse of the turn before it.
 */
export function toolResultsAnswerToolUses({ body }: ValidationInput): string | undefined {
  const messages = body.messages ?? [];
  for (let index = 0; index < messages.length; index += 1) {
    const results = toolResultIds(messages[index]);
    const previousUses = index > 0 ? toolUseIds(messages[index - 1]) : [];
    if (results.some((id) => !previousUses.includes(id))) {
      return `The number of toolResult blocks at messages.${index}.content exceeds the number of toolUse blocks of previous turn.`;
    }
    const next = messages[index + 1];
    if (next === undefined) continue;
    const answered = toolResultIds(next);
    const missing = toolUseIds(messages[index]).filter((id) => !answered.includes(id));
    if (missing.length > 0) {
      return `Expected toolResult blocks at messages.${index + 1}.content for the following Ids: ${missing.join(', ')}`;
    }
  }
  return undefined;
}

function toolUseIds(message: ConverseMessage | undefined): string[] {
  return (message?.content ?? []).flatMap((block) => (block.toolUse?.toolUseId === undefined ? [] : [block.toolUse.toolUseId]));
}

function toolResultIds(message: ConverseMessage | undefined): string[] {
  return (message?.content ?? []).flatMap((block) =>
    block.toolResult?.toolUseId === undefined ? [] : [block.toolResult.toolUseId],
  );
}
