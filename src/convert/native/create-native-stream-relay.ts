import type { AnthropicStreamEvent } from '../../anthropic/types.js';
import { ProxyError } from '../../errors.js';
import { completeNativeMessage } from './convert-native-response.js';

export interface NativeStreamRelay {
  push(event: Record<string, unknown>): AnthropicStreamEvent[];
  finish(): AnthropicStreamEvent[];
}

const metricsField = 'amazon-bedrock-invocationMetrics';
/** The counts a client's usage record needs from `message_delta`; some deployments send them only in `message_start`. */
const startCounts = ['input_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

/**
 * Re-emits Bedrock's native stream events: `message_start` completed as a whole answer is (the
 * client's model id, null fields Bedrock leaves out), Bedrock's
 * invocation metrics removed, `message_delta.usage` completed from `message_start`, unknown event
 * types passed through, nothing after `message_stop`. `finish()` throws STREAM_INCOMPLETE when no
 * `message_stop` came, so a cut-off answer never looks complete.
 */
export function createNativeStreamRelay(context: { model: string }): NativeStreamRelay {
  let startUsage: Record<string, unknown> = {};
  let stopped = false;
  return {
    push(event) {
      if (stopped) return [];
      const type = event['type'];
      if (type !== 'message_start' && type !== 'message_delta' && type !== 'message_stop' && !(metricsField in event)) {
        // Content events pass as they came (the same object, so their frame can reuse Bedrock's JSON).
        return [event as unknown as AnthropicStreamEvent];
      }
      const relayed: Record<string, unknown> = { ...event };
      delete relayed[metricsField];
      const message = relayed['message'];
      if (relayed['type'] === 'message_start' && isRecord(message)) {
        relayed['message'] = completeNativeMessage(message, context);
        startUsage = isRecord(message['usage']) ? message['usage'] : {};
      } else if (relayed['type'] === 'message_delta') {
        // The SDKs copy these onto the message: absent, they would differ from a whole answer's nulls.
        relayed['delta'] = { stop_details: null, container: null, ...(isRecord(relayed['delta']) ? relayed['delta'] : {}) };
        relayed['usage'] = completeDeltaUsage(relayed['usage'], startUsage);
      } else if (relayed['type'] === 'message_stop') {
        stopped = true;
      }
      // Bedrock's events are Anthropic's; types newer than this proxy's pass through unchanged.
      return [relayed as unknown as AnthropicStreamEvent];
    },
    finish() {
      if (!stopped) throw new ProxyError('STREAM_INCOMPLETE', 'The Bedrock stream ended without message_stop');
      return [];
    },
  };
}

function completeDeltaUsage(usage: unknown, startUsage: Record<string, unknown>): Record<string, unknown> {
  const completed: Record<string, unknown> = isRecord(usage) ? { ...usage } : {};
  for (const field of startCounts) {
    if (completed[field] !== undefined && completed[field] !== null) continue;
    const fromStart = startUsage[field];
    completed[field] = typeof fromStart === 'number' ? fromStart : 0;
  }
  return completed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
