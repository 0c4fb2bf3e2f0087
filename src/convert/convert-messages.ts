import type { ContentBlockParam, RequestMessage } from '../anthropic/request-schema.js';
import type { ConverseContentBlock, ConverseMessage } from '../bedrock/types.js';
import { invalidField } from '../errors.js';
import { cachePointFor } from './cache-points.js';
import { checkClearAt } from './check-clear-at.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { blockCacheControl, convertContentBlock } from './convert-content-block.js';
import { createTurnMerger } from './create-turn-merger.js';
import type { BlockLocation, TurnRole } from './convert-text-block.js';
import { isUnsupportedBlock, unsupportedBlockError } from './unsupported-blocks.js';

/** A converted block with the cache point that follows it: they move together. */
interface Unit {
  items: ConverseContentBlock[];
  path: Path;
}

/**
 * Anthropic messages → Converse messages (spec §1.3). `system` messages inside `messages` become
 * user text at their position; consecutive same-role messages merge, because Bedrock requires
 * strict alternation, with tool results first in a merged user turn as Anthropic requires.
 */
export function convertMessages(messages: readonly RequestMessage[], context: ConversionContext): ConverseMessage[] {
  const merger = createTurnMerger<Unit>((unit) => unit.items[0]?.toolResult !== undefined);
  messages.forEach((message, index) => {
    const path = ['messages', index];
    const role: TurnRole = message.role === 'assistant' ? 'assistant' : 'user';
    // An empty final assistant message is an empty prefill, which Anthropic accepts: the same as none.
    if (message.role === 'assistant' && index === messages.length - 1 && message.content.length === 0) return;
    merger.add({ role, units: convertMessageContent(message, { role, path }, context), path });
  });
  return merger.finish().map((turn) => {
    if (turn.role === 'user') checkDocumentsHaveText(turn.units);
    return { role: turn.role, content: turn.units.flatMap((unit) => unit.items) };
  });
}

function convertMessageContent(message: RequestMessage, location: BlockLocation, context: ConversionContext): Unit[] {
  const { role, path } = location;
  checkClearAt(message, path);
  const content = message.content ?? [];
  if (typeof content === 'string') return content.trim().length > 0 ? [{ items: [{ text: content }], path: [...path, 'content'] }] : [];
  const units: Unit[] = [];
  content.forEach((block: ContentBlockParam, index) => {
    const blockPath = [...path, 'content', index];
    if (message.role === 'system' && isUnsupportedBlock(block)) throw unsupportedBlockError(block, blockPath);
    const converted = convertContentBlock(block, { role, path: blockPath }, context);
    const cacheControl = blockCacheControl(block);
    if (converted === undefined) {
      if (cacheControl !== undefined) {
        context.warnings.push(`${blockPath.join('.')}.cache_control: dropped; the block is blank, so there is nothing to cache`);
      }
      return;
    }
    const cachePoint = cachePointFor(cacheControl, context, blockPath);
    units.push({ items: cachePoint === undefined ? [converted] : [converted, cachePoint], path: blockPath });
  });
  return units;
}

function checkDocumentsHaveText(units: Unit[]): void {
  const documentUnit = units.find((unit) => unit.items[0]?.document !== undefined);
  if (documentUnit === undefined) return;
  const hasText = units.some((unit) => unit.items[0]?.text !== undefined);
  if (!hasText) {
    throw invalidField(
      documentUnit.path,
      'Bedrock requires a user message that contains a document to also contain a text block; add a text block (for example, the question about the document)',
    );
  }
}
