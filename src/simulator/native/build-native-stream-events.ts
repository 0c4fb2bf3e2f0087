import type { AnswerPlan, PlannedBlock } from '../answer/answer-plan.js';
import type { StreamScript } from '../answer/build-stream-events.js';
import { splitText } from '../answer/split-text.js';
import { streamExceptionPayload } from '../bedrock-errors.js';
import { nativeModelName } from './native-model-name.js';
import { nativeStopReason } from './native-stop-reason.js';
import type { NativeStreamEvent } from './native-types.js';
import { nativeUsage } from './native-usage.js';
import { renderNativeCitation } from './render-native-block.js';
import type { NativeAnswerIdentity } from './render-native-message.js';

/**
 * The Anthropic stream events InvokeModelWithResponseStream carries, in Anthropic order. Like real
 * Bedrock, `message_delta.usage` holds only `output_tokens` (input and cache counts are on
 * `message_start`), and `message_stop` carries Bedrock's invocation metrics.
 */
export function buildNativeStreamEvents(plan: AnswerPlan, identity: NativeAnswerIdentity): StreamScript<NativeStreamEvent> {
  const usage = nativeUsage(plan.usage);
  const events: NativeStreamEvent[] = [
    {
      type: 'message_start',
      message: {
        id: identity.messageId,
        type: 'message',
        role: 'assistant',
        model: nativeModelName(identity.modelId),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    },
  ];
  plan.blocks.forEach((block, index) => appendBlock(events, block, index, plan.deltaSize));
  events.push({
    type: 'message_delta',
    delta: { stop_reason: nativeStopReason(plan.stopReason), stop_sequence: plan.stopSequence },
    usage: { output_tokens: usage.output_tokens },
  });
  const invocationLatency = Math.max(1, plan.latencyMs + plan.eventDelayMs * (events.length + 1));
  events.push({
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': {
      inputTokenCount: usage.input_tokens,
      outputTokenCount: usage.output_tokens,
      invocationLatency,
      firstByteLatency: Math.max(1, plan.latencyMs),
    },
  });
  const exception = plan.streamException;
  if (exception === undefined) return { events, exception: undefined };
  return {
    events: events.slice(0, exception.afterEvents ?? 1),
    exception: { name: exception.name, payload: streamExceptionPayload(exception.name, exception.message) },
  };
}

function appendBlock(events: NativeStreamEvent[], block: PlannedBlock, index: number, deltaSize: number): void {
  switch (block.kind) {
    case 'text':
      if (block.citations.length === 0) {
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      } else {
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: [] } });
        for (const citation of block.citations) {
          events.push({ type: 'content_block_delta', index, delta: { type: 'citations_delta', citation: renderNativeCitation(citation) } });
        }
      }
      for (const text of splitText(block.text, deltaSize)) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
      }
      break;
    case 'toolUse':
      events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.toolUseId, name: block.name, input: {} } });
      for (const partial of splitText(JSON.stringify(block.input ?? {}), deltaSize)) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
      }
      break;
    case 'reasoning':
      events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const thinking of splitText(block.text, deltaSize)) {
        events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } });
      }
      events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } });
      break;
    case 'redactedReasoning':
      // Redacted thinking has no deltas: the whole payload arrives with the block's start.
      events.push({ type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data: block.data } });
      break;
    default: {
      const unexpected: never = block;
      throw new Error(`unknown block ${JSON.stringify(unexpected)}`);
    }
  }
  events.push({ type: 'content_block_stop', index });
}
