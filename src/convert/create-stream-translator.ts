import type { AnthropicStreamEvent, MessageStartEvent } from '../anthropic/types.js';
import type { ConverseStreamEvent } from '../bedrock/types.js';
import { ProxyError } from '../errors.js';
import type { ConverseStopReason as BedrockStopReason, ConverseUsage } from './converse-shapes.js';
import type { ResponseContext } from './convert-converse-response.js';
import { convertStopReason, resolveStopSequence } from './convert-stop-reason.js';
import { convertDeltaUsage } from './convert-usage.js';
import { createContentBlockTracker } from './stream-content-blocks.js';

export interface StreamTranslator {
  push(event: ConverseStreamEvent): AnthropicStreamEvent[];
  /** Call once the Bedrock stream has ended; throws STREAM_INCOMPLETE when it ended early. */
  finish(): AnthropicStreamEvent[];
}

interface HeldStop {
  reason: BedrockStopReason | undefined;
  additionalFields: unknown;
}

/**
 * ConverseStream events → Anthropic stream events (spec §5.2–§5.3), synchronously. Bedrock sends
 * usage in `metadata`, usually after `messageStop`, so the final `message_delta` waits until both
 * have arrived (in either order) and is then sent once, followed by `message_stop`.
 */
export function createStreamTranslator(context: ResponseContext): StreamTranslator {
  const blocks = createContentBlockTracker(context.toolNames);
  let started = false;
  let finished = false;
  let stop: HeldStop | undefined;
  let metadata: { usage: ConverseUsage | undefined } | undefined;

  function begin(): AnthropicStreamEvent[] {
    if (started) return [];
    started = true;
    return [messageStart(context)];
  }

  function end(): AnthropicStreamEvent[] {
    finished = true;
    const held = stop;
    return [
      ...blocks.finishAll(),
      {
        type: 'message_delta',
        delta: {
          stop_reason: convertStopReason(held?.reason),
          stop_sequence: resolveStopSequence(held?.additionalFields, held?.reason, context.stopSequences),
          stop_details: null,
          container: null,
        },
        usage: convertDeltaUsage(metadata?.usage),
      },
      { type: 'message_stop' },
    ];
  }

  return {
    push(event) {
      if (finished) return [];
      const events = begin();
      if ('messageStart' in event) return events;
      if ('contentBlockStart' in event) return [...events, ...blocks.start(event.contentBlockStart)];
      if ('contentBlockDelta' in event) return [...events, ...blocks.delta(event.contentBlockDelta)];
      if ('contentBlockStop' in event) return [...events, ...blocks.stop(event.contentBlockStop)];
      if ('messageStop' in event) {
        stop = { reason: event.messageStop.stopReason, additionalFields: event.messageStop.additionalModelResponseFields };
        return metadata === undefined ? events : [...events, ...end()];
      }
      if ('metadata' in event) {
        metadata = { usage: event.metadata.usage };
        return stop === undefined ? events : [...events, ...end()];
      }
      const unhandled: never = event;
      void unhandled;
      return events;
    },

    finish() {
      if (finished) return [];
      if (stop === undefined) throw new ProxyError('STREAM_INCOMPLETE', 'Bedrock stream ended before messageStop');
      return [...begin(), ...end()];
    },
  };
}

function messageStart(context: ResponseContext): MessageStartEvent {
  return {
    type: 'message_start',
    message: {
      id: context.messageId,
      type: 'message',
      role: 'assistant',
      model: context.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        // A message_delta cannot carry these, so they are what a non-streamed answer usually says.
        cache_creation: null,
        server_tool_use: null,
        service_tier: 'standard',
        inference_geo: null,
        output_tokens_details: null,
      },
    },
  };
}
