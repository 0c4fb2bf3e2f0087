import type { ValidationInput } from './validation-types.js';

/** Images and documents are user content only. */
export function assistantMedia({ body }: ValidationInput): string | undefined {
  const messages = body.messages ?? [];
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index];
    if (message?.role !== 'assistant') continue;
    for (const block of message.content ?? []) {
      const kind = block.image !== undefined ? 'image' : block.document !== undefined ? 'document' : undefined;
      if (kind !== undefined) {
        return `The model returned the following errors: messages.${index}.content: '${kind}' blocks are not permitted within assistant turns.`;
      }
    }
  }
  return undefined;
}
