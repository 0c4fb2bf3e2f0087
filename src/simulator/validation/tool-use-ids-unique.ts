import type { ValidationInput } from './validation-types.js';

export function toolUseIdsUnique({ body }: ValidationInput): string | undefined {
  const messages = body.messages ?? [];
  for (let index = 0; index < messages.length; index += 1) {
    const seen = new Set<string>();
    for (const block of messages[index]?.content ?? []) {
      const id = block.toolUse?.toolUseId;
      if (id === undefined) continue;
      if (seen.has(id)) return `The toolUse blocks at messages.${index}.content contain duplicate Ids: ${id}`;
      seen.add(id);
    }
  }
  return undefined;
}
