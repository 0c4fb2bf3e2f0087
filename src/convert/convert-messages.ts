import type { ContentBlockParam, RequestMessage } from '../anthropic/request-schema.js';
import type { ConverseContentBlock, ConverseMessage } from '../bedrock/types.js';
import { invalidField, unsupportedField } from '../errors.js';
import { cachePointFor } from './cache-points.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { blockCacheControl, convertContentBlock } from './convert-content-block.js';
import type { BlockLocation, TurnRole } from './convert-text-block.js';
import { isUnsupportedBlock, unsupportedBlockError } from './unsupported-blocks.js';

/** A converted block with the cache point that follows it: they move together. */
interface Unit {
  items: ConverseContentBlock[];
  path: Path;
}

interface Turn {
  role: TurnRole;
  sourceCount: number;
  units: Unit[];
}

/**
 * Anthropic messages → Converse messages (spec §1.3). `system` messages inside `messages` become
 * user text at their position; consecutive same-role messages merge, because Bedrock requires
 * strict alternation, with tool results first in a merged user turn as Anthropic requires.
 */
export function convertMessages(messages: readonly RequestMessage[], context: ConversionContext): ConverseMessage[] {
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    const path = ['messages', index];
    const role: TurnRole = message.role === 'assistant' ? 'assistant' : 'user';
    // An empty final assistant message is an empty prefill, which Anthropic accepts: the same as none.
    if (message.role === 'assistant' && index === messages.length - 1 && message.content.length === 0) return;
    const units = convertMessageContent(message, { role, path }, context);
    if (units.length === 0) {
      throw invalidField(path, 'the message has no content once blank text is removed; Bedrock rejects empty and blank messages');
    }
    const previous = turns[turns.length - 1];
    if (previous !== undefined && previous.role === role) {
      previous.units.push(...units);
      previous.sourceCount += 1;
    } else {
      turns.push({ role, sourceCount: 1, units });
    }
  });
  if (turns[0]?.role !== 'user') throw invalidField(['messages', 0], 'Bedrock requires the conversation to start with a user message');
  return turns.map((turn) => {
    const units = turn.role === 'user' && turn.sourceCount > 1 ? toolResultsFirst(turn.units) : turn.units;
    if (turn.role === 'user') checkDocumentsHaveText(units);
    return { role: turn.role, content: units.flatMap((unit) => unit.items) };
  });
}

function convertMessageContent(message: RequestMessage, location: BlockLocation, context: ConversionContext): Unit[] {
  const { role, path } = location;
  if (message.role === 'system' && message.clear_at === 'next_user_message') {
    throw unsupportedField([...path, 'clear_at'], 'clear_at "next_user_message" is not supported through Bedrock');
  }
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

function toolResultsFirst(units: Unit[]): Unit[] {
  const isToolResult = (unit: Unit): boolean => unit.items[0]?.toolResult !== undefined;
  return [...units.filter(isToolResult), ...units.filter((unit) => !isToolResult(unit))];
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
