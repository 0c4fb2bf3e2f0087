import type { BedrockStopReason } from '../script.js';
import type { NativeStopReason } from './native-types.js';

/** A scripted Converse stop reason as Claude's native body says it. */
export function nativeStopReason(stopReason: BedrockStopReason): NativeStopReason {
  switch (stopReason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'model_context_window_exceeded':
      return stopReason;
    case 'content_filtered':
      return 'refusal';
    // Converse-only reasons: a guardrail on InvokeModel is reported to keep `end_turn` (spec §9).
    case 'guardrail_intervened':
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'end_turn';
    default: {
      const unexpected: never = stopReason;
      throw new Error(`unknown stop reason ${String(unexpected)}`);
    }
  }
}
