import type { StopReason } from '../anthropic/types.js';
import type { ConverseStopReason as BedrockStopReason } from './converse-shapes.js';

/** Bedrock stop reasons → Anthropic's (spec §4.2); reasons Anthropic lacks map to the nearest meaning. */
export function convertStopReason(reason: BedrockStopReason | undefined): StopReason {
  if (reason === undefined) return 'end_turn';
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'model_context_window_exceeded':
      return reason;
    case 'content_filtered':
    case 'guardrail_intervened':
      return 'refusal';
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return 'end_turn';
    default: {
      const unknownReason: never = reason;
      void unknownReason;
      return 'end_turn';
    }
  }
}

/**
 * The stop sequence that ended the answer: Claude reports it in `additionalModelResponseFields`
 * (`/stop_sequence` in Converse, `/delta/stop_sequence` in ConverseStream) when we ask for it;
 * failing that, it can only be the one sequence the client sent.
 */
export function resolveStopSequence(
  additionalFields: unknown,
  reason: BedrockStopReason | undefined,
  requestedStopSequences: readonly string[],
): string | null {
  const reported = readReportedStopSequence(additionalFields);
  if (reported !== undefined) return reported;
  return reason === 'stop_sequence' && requestedStopSequences.length === 1 ? (requestedStopSequences[0] ?? null) : null;
}

function readReportedStopSequence(fields: unknown): string | undefined {
  if (!isRecord(fields)) return undefined;
  if (typeof fields.stop_sequence === 'string') return fields.stop_sequence;
  const delta = fields.delta;
  return isRecord(delta) && typeof delta.stop_sequence === 'string' ? delta.stop_sequence : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
