import type { CacheControl, RequestMessage } from '../../anthropic/request-schema.js';
import { checkClearAt } from '../check-clear-at.js';
import type { Path } from '../conversion-context.js';
import type { TurnRole } from '../convert-text-block.js';
import { createTurnMerger } from '../create-turn-merger.js';
import { isUnsupportedBlock, unsupportedBlockError } from '../unsupported-blocks.js';
import type { NativeContext } from './native-context.js';
import { sanitizeNativeBlock, type NativeBlock } from './sanitize-native-block.js';

export interface NativeMessage {
  role: TurnRole;
  content: string | NativeBlock[];
}

interface Unit {
  block: NativeBlock;
  /** The whole content of its message was this string: a message left alone keeps it as a string. */
  fromString: boolean;
}

/** Blocks that cannot carry a cache_control of their own. */
const uncacheableTypes: ReadonlySet<unknown> = new Set(['thinking', 'redacted_thinking']);

/**
 * The messages of the InvokeModel body. Bedrock rejects `role: "system"` inside `messages`, so such
 * a message becomes user text at its place, and turns merge as on the Converse path.
 */
export function sanitizeNativeMessages(messages: readonly RequestMessage[], context: NativeContext): NativeMessage[] {
  const merger = createTurnMerger<Unit>((unit) => unit.block['type'] === 'tool_result');
  messages.forEach((message, index) => {
    const path = ['messages', index];
    const role: TurnRole = message.role === 'assistant' ? 'assistant' : 'user';
    // An empty final assistant message is an empty prefill, which Anthropic accepts: the same as none.
    if (message.role === 'assistant' && index === messages.length - 1 && message.content.length === 0) return;
    if (message.role === 'system') noteSystemMessage(message, path, context);
    merger.add({ role, units: messageUnits(message, role, path, context), path });
  });
  return merger.finish().map((turn) => {
    const only = turn.units[0];
    if (turn.sourceCount === 1 && turn.units.length === 1 && only?.fromString === true) {
      return { role: turn.role, content: String(only.block['text']) };
    }
    return { role: turn.role, content: turn.units.map((unit) => unit.block) };
  });
}

/**
 * Top-level (automatic) cache_control: set on the last block of the conversation that can carry
 * one, as the Converse path places its cache point there; nothing when that block has its own.
 */
export function placeTopLevelCacheControl(messages: NativeMessage[], cacheControl: CacheControl | null | undefined): void {
  const last = messages[messages.length - 1];
  if (cacheControl === undefined || cacheControl === null || last === undefined) return;
  const reduced = cacheControl.ttl === undefined ? { type: cacheControl.type } : { type: cacheControl.type, ttl: cacheControl.ttl };
  if (typeof last.content === 'string') {
    last.content = [{ type: 'text', text: last.content, cache_control: reduced }];
    return;
  }
  const target = last.content.findLast((block) => !uncacheableTypes.has(block['type']));
  if (target === undefined || (target['cache_control'] !== undefined && target['cache_control'] !== null)) return;
  target['cache_control'] = reduced;
}

function noteSystemMessage(message: Extract<RequestMessage, { role: 'system' }>, path: Path, context: NativeContext): void {
  checkClearAt(message, path);
  // "never" (or null) is what Bedrock does anyway: the text stays in the conversation.
  if ('clear_at' in message) context.removed.push([...path, 'clear_at'].join('.'));
  context.warnings.push(`${path.join('.')}: a role "system" message is sent as user text at its place; Bedrock does not accept the system role inside messages`);
}

function messageUnits(message: RequestMessage, role: TurnRole, path: Path, context: NativeContext): Unit[] {
  const content = message.content ?? [];
  if (typeof content === 'string') return [{ block: { type: 'text', text: content }, fromString: message.role !== 'system' }];
  return content.map((block, index) => {
    const blockPath = [...path, 'content', index];
    if (message.role === 'system' && isUnsupportedBlock(block)) throw unsupportedBlockError(block, blockPath, 'InvokeModel');
    return { block: sanitizeNativeBlock(block, { role, path: blockPath }, context), fromString: false };
  });
}
