import { checkCacheControl } from './check-cache-control.js';
import { checkObject } from './check-object.js';
import { invalidType } from './pydantic-wording.js';

/** `system` is a string or a list of text blocks. */
export function systemShape(body: Record<string, unknown>): string | undefined {
  const system = body['system'];
  if (system === undefined || system === null || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return invalidType('system', 'list');
  for (let index = 0; index < system.length; index += 1) {
    const path = `system.${index}`;
    const block: unknown = system[index];
    const shape = checkObject(block, path, {
      fields: { type: 'string', text: 'string', cache_control: 'any', citations: 'any' },
      required: ['type', 'text'],
    });
    if (shape !== undefined) return shape;
    const { type, cache_control: cacheControl } = block as Record<string, unknown>;
    if (type !== 'text') return `${path}.type: Input should be 'text'`;
    const problem = checkCacheControl(cacheControl, `${path}.cache_control`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
