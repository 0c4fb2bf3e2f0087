import type { ValidationInput } from './validation-types.js';

/** Empty or whitespace-only text in system, messages or tool results. */
export function textNotBlank({ body }: ValidationInput): string | undefined {
  const system = body.system ?? [];
  for (let index = 0; index < system.length; index += 1) {
    if (isBlank(system[index]?.text)) {
      return `The text field in the SystemContentBlock object at system.${index} is blank. Add text to the text field, and try again.`;
    }
  }
  const messages = body.messages ?? [];
  for (let messageIndex = 0; messageIndex < messages.length; messageIndex += 1) {
    const content = messages[messageIndex]?.content ?? [];
    for (let blockIndex = 0; blockIndex < content.length; blockIndex += 1) {
      const block = content[blockIndex];
      const where = `messages.${messageIndex}.content.${blockIndex}`;
      if (isBlank(block?.text)) {
        return `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`;
      }
      const resultIndex = (block?.toolResult?.content ?? []).findIndex((item) => isBlank(item.text));
      if (resultIndex !== -1) {
        return `The text field in the ToolResultContentBlock object at ${where}.toolResult.content.${resultIndex} is blank. Add text to the text field, and try again.`;
      }
    }
  }
  return undefined;
}

function isBlank(text: string | undefined): boolean {
  return text !== undefined && text.trim().length === 0;
}
