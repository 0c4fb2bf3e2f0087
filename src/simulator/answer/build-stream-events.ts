import type { ConverseStreamEvent } from '../../bedrock/types.js';
import { streamExceptionPayload } from '../bedrock-errors.js';
import type { BedrockStreamExceptionName } from '../script.js';
import type { AnswerPlan, PlannedBlock } from './answer-plan.js';
import { renderCitation } from './render-converse-response.js';
import { splitText } from './split-text.js';

export interface StreamException {
  name: BedrockStreamExceptionName;
  payload: Record<string, unknown>;
}

export interface StreamScript<Event = ConverseStreamEvent> {
  /** Data events in order (cut short when an exception follows them). */
  events: Event[];
  /** Sent after the events, in place of the rest of the stream. */
  exception: StreamException | undefined;
}

/**
 * The ConverseStream event order real Bedrock uses: messageStart; per block (contentBlockStart only for
 * toolUse) deltas and contentBlockStop; messageStop; metadata last.
 */
export function buildStreamEvents(plan: AnswerPlan): StreamScript {
  const events: ConverseStreamEvent[] = [{ messageStart: { role: 'assistant' } }];
  plan.blocks.forEach((block, index) => appendBlock(events, block, index, plan.deltaSize));
  events.push({
    messageStop: plan.responseFieldPaths.deltaStopSequence
      ? { stopReason: plan.stopReason, additionalModelResponseFields: { delta: { stop_sequence: plan.stopSequence } } }
      : { stopReason: plan.stopReason },
  });
  const latencyMs = Math.max(1, plan.latencyMs + plan.eventDelayMs * events.length);
  events.push({ metadata: { usage: plan.usage, metrics: { latencyMs } } });
  const exception = plan.streamException;
  if (exception === undefined) return { events, exception: undefined };
  return {
    events: events.slice(0, exception.afterEvents ?? 1),
    exception: { name: exception.name, payload: streamExceptionPayload(exception.name, exception.message) },
  };
}

function appendBlock(events: ConverseStreamEvent[], block: PlannedBlock, contentBlockIndex: number, deltaSize: number): void {
  switch (block.kind) {
    case 'text':
      for (const citation of block.citations) {
        events.push({ contentBlockDelta: { contentBlockIndex, delta: { citation: renderCitation(citation) } } });
      }
      for (const text of splitText(block.text, deltaSize)) {
        events.push({ contentBlockDelta: { contentBlockIndex, delta: { text } } });
      }
      break;
    case 'toolUse':
      events.push({ contentBlockStart: { contentBlockIndex, start: { toolUse: { toolUseId: block.toolUseId, name: block.name } } } });
      for (const input of splitText(JSON.stringify(block.input ?? {}), deltaSize)) {
        events.push({ contentBlockDelta: { contentBlockIndex, delta: { toolUse: { input } } } });
      }
      break;
    case 'reasoning':
      for (const text of splitText(block.text, deltaSize)) {
        events.push({ contentBlockDelta: { contentBlockIndex, delta: { reasoningContent: { text } } } });
      }
      // Bedrock closes reasoning text with an empty delta before the signature.
      events.push({ contentBlockDelta: { contentBlockIndex, delta: { reasoningContent: { text: '' } } } });
      events.push({ contentBlockDelta: { contentBlockIndex, delta: { reasoningContent: { signature: block.signature } } } });
      break;
    case 'redactedReasoning':
      events.push({ contentBlockDelta: { contentBlockIndex, delta: { reasoningContent: { redactedContent: block.data } } } });
      break;
    default: {
      const unexpected: never = block;
      throw new Error(`unknown block ${JSON.stringify(unexpected)}`);
    }
  }
  events.push({ contentBlockStop: { contentBlockIndex } });
}
