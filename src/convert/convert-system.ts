import type { MessagesRequest } from '../anthropic/request-schema.js';
import type { ConverseSystemBlock } from '../bedrock/types.js';
import { unsupportedField } from '../errors.js';
import { appendCachePoint } from './cache-points.js';
import type { ConversionContext } from './conversion-context.js';

/** The top-level system prompt as Converse `system` items; blank text is skipped (Bedrock rejects it). */
export function convertSystem(system: MessagesRequest['system'], context: ConversionContext): ConverseSystemBlock[] | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system.trim().length > 0 ? [{ text: system }] : undefined;
  const items: ConverseSystemBlock[] = [];
  system.forEach((block, index) => {
    const path = ['system', index];
    if ((block.citations ?? []).length > 0) {
      throw unsupportedField([...path, 'citations'], 'citations on system text are not supported through Bedrock');
    }
    if (block.text.trim().length > 0) items.push({ text: block.text });
    appendCachePoint(items, { cacheControl: block.cache_control, path }, context);
  });
  return items.length > 0 ? items : undefined;
}
