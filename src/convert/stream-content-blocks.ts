import type { AnthropicStreamEvent, ContentBlockDelta, ResponseContentBlock } from '../anthropic/types.js';
import type { ConverseBlockDelta, ConverseBlockStart, ConverseBlockStop } from './converse-shapes.js';
import { convertCitationToAnthropic } from './convert-citation-to-anthropic.js';
import type { ToolNameMap } from './tool-names.js';

type BlockState =
  | { kind: 'text' | 'thinking' | 'tool_use'; index: number; closed: boolean }
  | { kind: 'redacted'; parts: string[] }
  /** A block Anthropic has no place for (tool result, image, unknown), or one already finished. */
  | { kind: 'ignored' };

type OpenKind = 'text' | 'thinking' | 'tool_use';

interface Opening {
  kind: OpenKind;
  contentBlock: ResponseContentBlock;
  /** The delta that revealed a block without a start event (text, reasoning, citation). */
  firstDelta?: ContentBlockDelta;
}

/**
 * The content-block half of the stream translator (spec §5.3): Bedrock block indices → contiguous
 * Anthropic indices in start order, one open block at a time, every start matched by a stop.
 */
export interface ContentBlockTracker {
  start(event: ConverseBlockStart): AnthropicStreamEvent[];
  delta(event: ConverseBlockDelta): AnthropicStreamEvent[];
  stop(event: ConverseBlockStop): AnthropicStreamEvent[];
  /** Closes the open block and flushes buffered redacted thinking, before the message ends. */
  finishAll(): AnthropicStreamEvent[];
}

export function createContentBlockTracker(toolNames: ToolNameMap): ContentBlockTracker {
  const blocks = new Map<number, BlockState>();
  let openState: Extract<BlockState, { kind: OpenKind }> | undefined;
  let nextIndex = 0;

  function closeOpen(): AnthropicStreamEvent[] {
    if (openState === undefined) return [];
    const event: AnthropicStreamEvent = { type: 'content_block_stop', index: openState.index };
    openState.closed = true;
    openState = undefined;
    return [event];
  }

  function open(bedrockIndex: number, opening: Opening): AnthropicStreamEvent[] {
    const { kind, contentBlock, firstDelta } = opening;
    const events = closeOpen();
    const state = { kind, index: nextIndex, closed: false };
    nextIndex += 1;
    blocks.set(bedrockIndex, state);
    openState = state;
    events.push({ type: 'content_block_start', index: state.index, content_block: contentBlock });
    if (firstDelta !== undefined) events.push({ type: 'content_block_delta', index: state.index, delta: firstDelta });
    return events;
  }

  /** A delta for this Bedrock block: opens the block first when this is its first delta. */
  function deliver(bedrockIndex: number, opening: Required<Opening>): AnthropicStreamEvent[] {
    const state = blocks.get(bedrockIndex);
    if (state === undefined) return open(bedrockIndex, opening);
    const target = deltaFor(state, opening.kind);
    return target === undefined ? [] : [{ type: 'content_block_delta', index: target.index, delta: opening.firstDelta }];
  }

  function deltaFor(state: BlockState | undefined, kind: OpenKind): { index: number } | undefined {
    return state !== undefined && state.kind === kind && !state.closed ? { index: state.index } : undefined;
  }

  function flushRedacted(bedrockIndex: number, parts: string[]): AnthropicStreamEvent[] {
    const events = closeOpen();
    const index = nextIndex;
    nextIndex += 1;
    blocks.set(bedrockIndex, { kind: 'ignored' });
    events.push(
      { type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data: joinBase64(parts) } },
      { type: 'content_block_stop', index },
    );
    return events;
  }

  return {
    start(event) {
      const bedrockIndex = event.contentBlockIndex ?? 0;
      const start = event.start;
      if (start === undefined || blocks.has(bedrockIndex)) return [];
      if (start.toolUse !== undefined) {
        const name = toolNames.toAnthropic(start.toolUse.name ?? '');
        const contentBlock: ResponseContentBlock = { type: 'tool_use', id: start.toolUse.toolUseId ?? '', name, input: {}, caller: { type: 'direct' } };
        return open(bedrockIndex, { kind: 'tool_use', contentBlock });
      }
      // Text and reasoning blocks have no start event; a start of any other kind (image, tool result) is dropped.
      if (Object.keys(start).length > 0) blocks.set(bedrockIndex, { kind: 'ignored' });
      return [];
    },

    delta(event) {
      const bedrockIndex = event.contentBlockIndex ?? 0;
      const state = blocks.get(bedrockIndex);
      const delta = event.delta;
      if (delta === undefined || state?.kind === 'ignored') return [];
      if (delta.text !== undefined) {
        const firstDelta: ContentBlockDelta = { type: 'text_delta', text: delta.text };
        return deliver(bedrockIndex, { kind: 'text', contentBlock: { type: 'text', text: '', citations: null }, firstDelta });
      }
      if (delta.citation !== undefined) {
        const citation = convertCitationToAnthropic(delta.citation);
        if (citation === undefined) return [];
        return deliver(bedrockIndex, { kind: 'text', contentBlock: { type: 'text', text: '', citations: [] }, firstDelta: { type: 'citations_delta', citation } });
      }
      const reasoning = delta.reasoningContent;
      if (reasoning !== undefined) {
        if (reasoning.redactedContent !== undefined) {
          if (state === undefined) blocks.set(bedrockIndex, { kind: 'redacted', parts: [reasoning.redactedContent] });
          else if (state.kind === 'redacted') state.parts.push(reasoning.redactedContent);
          return [];
        }
        const thinkingDelta =
          reasoning.text !== undefined && reasoning.text.length > 0
            ? ({ type: 'thinking_delta', thinking: reasoning.text } as const)
            : reasoning.signature !== undefined
              ? ({ type: 'signature_delta', signature: reasoning.signature } as const)
              : undefined;
        if (thinkingDelta === undefined) return [];
        return deliver(bedrockIndex, { kind: 'thinking', contentBlock: { type: 'thinking', thinking: '', signature: '' }, firstDelta: thinkingDelta });
      }
      if (delta.toolUse !== undefined) {
        const target = deltaFor(state, 'tool_use');
        const partialJson = delta.toolUse.input ?? '';
        return target === undefined ? [] : [{ type: 'content_block_delta', index: target.index, delta: { type: 'input_json_delta', partial_json: partialJson } }];
      }
      // Tool-result and image deltas (server-side tools, image output) have no Anthropic form.
      if (state === undefined) blocks.set(bedrockIndex, { kind: 'ignored' });
      return [];
    },

    stop(event) {
      const bedrockIndex = event.contentBlockIndex ?? 0;
      const state = blocks.get(bedrockIndex);
      if (state === undefined) {
        blocks.set(bedrockIndex, { kind: 'ignored' });
        return [];
      }
      if (state.kind === 'redacted') return flushRedacted(bedrockIndex, state.parts);
      if (state.kind === 'ignored' || state.closed) return [];
      return openState === state ? closeOpen() : [];
    },

    finishAll() {
      const events = closeOpen();
      for (const [bedrockIndex, state] of blocks) {
        if (state.kind === 'redacted') events.push(...flushRedacted(bedrockIndex, state.parts));
      }
      return events;
    },
  };
}

/** Redacted content may arrive in several pieces, each base64 on its own: join the bytes, not the text. */
function joinBase64(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] ?? '';
  return btoa(parts.map((part) => atob(part)).join(''));
}
