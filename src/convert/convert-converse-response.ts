import type { ConverseContentBlock, ConverseResponseBody } from '../bedrock/types.js';
import type { Message, ResponseContentBlock, TextCitation } from '../anthropic/types.js';
import { convertCitationToAnthropic } from './convert-citation-to-anthropic.js';
import { convertStopReason, resolveStopSequence } from './convert-stop-reason.js';
import { convertUsage } from './convert-usage.js';
import type { ToolNameMap } from './tool-names.js';

export interface ResponseContext {
  /** The model as the client asked for it. */
  model: string;
  messageId: string;
  toolNames: ToolNameMap;
  stopSequences: readonly string[];
}

/** A Converse response body → an Anthropic `Message` (spec §2.2, §3.3, §4). */
export function convertConverseResponse(output: ConverseResponseBody, context: ResponseContext): Message {
  const blocks = output.output?.message?.content ?? [];
  return {
    id: context.messageId,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: blocks.flatMap((block) => convertOutputBlock(block, context.toolNames)),
    stop_reason: convertStopReason(output.stopReason),
    stop_sequence: resolveStopSequence(output.additionalModelResponseFields, output.stopReason, context.stopSequences),
    stop_details: null,
    container: null,
    usage: convertUsage(output.usage, output.serviceTier),
  };
}

/** Blocks Anthropic has no place for in a reply (images, video, audio, tool results, guard content) are left out. */
function convertOutputBlock(block: ConverseContentBlock, toolNames: ToolNameMap): ResponseContentBlock[] {
  if (block.text !== undefined) return [{ type: 'text', text: block.text, citations: null }];
  if (block.citationsContent !== undefined) {
    const text = (block.citationsContent.content ?? []).map((part) => part.text ?? '').join('');
    const citations = (block.citationsContent.citations ?? [])
      .map(convertCitationToAnthropic)
      .filter((citation): citation is TextCitation => citation !== undefined);
    return [{ type: 'text', text, citations }];
  }
  if (block.toolUse !== undefined) {
    // A server-side tool call (Nova grounding) is not the client's to run.
    if (block.toolUse.type === 'server_tool_use') return [];
    return [
      {
        type: 'tool_use',
        id: block.toolUse.toolUseId ?? '',
        name: toolNames.toAnthropic(block.toolUse.name ?? ''),
        input: block.toolUse.input ?? {},
        caller: { type: 'direct' },
      },
    ];
  }
  const reasoning = block.reasoningContent;
  if (reasoning?.reasoningText !== undefined) {
    return [{ type: 'thinking', thinking: reasoning.reasoningText.text ?? '', signature: reasoning.reasoningText.signature ?? '' }];
  }
  if (reasoning?.redactedContent !== undefined) return [{ type: 'redacted_thinking', data: reasoning.redactedContent }];
  return [];
}
