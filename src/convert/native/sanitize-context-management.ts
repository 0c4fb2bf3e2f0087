import type { MessagesRequest } from '../../anthropic/request-schema.js';
import { invalidField, unsupportedField } from '../../errors.js';
import type { NativeContext } from './native-context.js';

const compactEdit = 'compact_20260112';
const compactBeta = 'compact-2026-01-12';

/**
 * context_management for the InvokeModel body: Bedrock accepts only compaction edits, with their
 * beta. A clear_thinking edit that keeps all thinking clears nothing, so it is dropped; any other
 * edit is refused by name. Undefined when nothing is left to send.
 */
export function sanitizeContextManagement(
  contextManagement: MessagesRequest['context_management'],
  context: NativeContext,
): Record<string, unknown> | undefined {
  if (contextManagement === undefined) return undefined;
  const edits = contextManagement?.edits ?? [];
  const kept = edits.filter((edit, index) => {
    const path = ['context_management', 'edits', index];
    if (edit.type === compactEdit) {
      if (!context.betas.has(compactBeta)) {
        throw invalidField(path, `context management edit "${compactEdit}" requires the anthropic-beta header ${compactBeta}`);
      }
      return true;
    }
    if (edit.type === 'clear_thinking_20251015' && keepsAllThinking(edit.keep)) {
      context.removed.push(path.join('.'));
      return false;
    }
    throw unsupportedField(path, `context management edit "${edit.type}" is not supported through Bedrock InvokeModel; only ${compactEdit} is`);
  });
  if (kept.length > 0) return { ...contextManagement, edits: kept };
  if (edits.length === 0) context.removed.push('context_management');
  return undefined;
}

function keepsAllThinking(keep: unknown): boolean {
  return keep === 'all' || (typeof keep === 'object' && keep !== null && (keep as { type?: unknown }).type === 'all');
}
