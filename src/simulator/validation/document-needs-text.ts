import type { ValidationInput } from './validation-types.js';

export function documentNeedsText({ body }: ValidationInput): string | undefined {
  const missing = (body.messages ?? []).some((message) => {
    const content = message.content ?? [];
    return content.some((block) => block.document !== undefined) && !content.some((block) => block.text !== undefined);
  });
  return missing ? 'A text block must be included when using documents.' : undefined;
}
