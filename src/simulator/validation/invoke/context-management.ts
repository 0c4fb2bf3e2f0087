import { isRecord } from '../../native/native-request.js';
import { extraInput } from './pydantic-wording.js';

const compactBeta = 'compact-2026-01-12';
const compactEdit = 'compact_20260112';

/**
 * Bedrock takes `context_management` only for compaction: every edit `compact_20260112` and the
 * `compact-2026-01-12` beta present. Anything else, `clear_thinking_20251015` included, is refused
 * as an unknown key (spec §9).
 */
export function contextManagement(body: Record<string, unknown>): string | undefined {
  const management = body['context_management'];
  if (management === undefined || management === null) return undefined;
  const betas = Array.isArray(body['anthropic_beta']) ? (body['anthropic_beta'] as unknown[]) : [];
  const edits = isRecord(management) && Array.isArray(management['edits']) ? (management['edits'] as unknown[]) : undefined;
  const compactionOnly = edits !== undefined && edits.every((edit) => isRecord(edit) && edit['type'] === compactEdit);
  return compactionOnly && betas.includes(compactBeta) ? undefined : extraInput('context_management');
}
