import { checkContentBlock, messageBlockTypes } from './check-content-block.js';
import { checkObject } from './check-object.js';
import { invalidType } from './pydantic-wording.js';

/** Each message is `{role, content}` with role `user` or `assistant` (a `system` role is refused) and valid blocks. */
export function messageShapes(body: Record<string, unknown>): string | undefined {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
  for (let index = 0; index < messages.length; index += 1) {
    const path = `messages.${index}`;
    const message = messages[index];
    const shape = checkObject(message, path, { fields: { role: 'any', content: 'any' }, required: ['role', 'content'] });
    if (shape !== undefined) return shape;
    const { role, content } = message as Record<string, unknown>;
    if (role !== 'user' && role !== 'assistant') return `${path}.role: Input should be 'user' or 'assistant'`;
    if (typeof content === 'string') continue;
    if (!Array.isArray(content)) return invalidType(`${path}.content`, 'list');
    for (let blockIndex = 0; blockIndex < content.length; blockIndex += 1) {
      const problem = checkContentBlock(content[blockIndex], `${path}.content.${blockIndex}`, messageBlockTypes);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
