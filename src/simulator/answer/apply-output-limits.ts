import type { PlannedBlock } from './answer-plan.js';

export interface OutputLimits {
  stopSequences: readonly string[];
  maxTokens: number;
}

export interface LimitedOutput {
  blocks: PlannedBlock[];
  stopReason: 'stop_sequence' | 'max_tokens' | undefined;
  stopSequence: string | null;
  /** Output size after cutting, for the token estimate (about 4 characters a token). */
  outputCharacters: number;
}

/** Cuts the answer where a model would stop: before the first stop sequence, or at maxTokens. */
export function applyOutputLimits(blocks: readonly PlannedBlock[], limits: OutputLimits): LimitedOutput {
  const stopped = cutAtStopSequence(blocks, limits.stopSequences);
  const budget = limits.maxTokens * 4;
  const kept: PlannedBlock[] = [];
  let used = 0;
  for (const block of stopped.blocks) {
    const size = blockCharacters(block);
    if (used + size <= budget) {
      kept.push(block);
      used += size;
      continue;
    }
    const remaining = budget - used;
    if (remaining > 0 && (block.kind === 'text' || block.kind === 'reasoning')) {
      kept.push({ ...block, text: block.text.slice(0, remaining) });
      used = budget;
    }
    return { blocks: kept, stopReason: 'max_tokens', stopSequence: null, outputCharacters: used };
  }
  return { blocks: kept, stopReason: stopped.stopSequence === null ? undefined : 'stop_sequence', stopSequence: stopped.stopSequence, outputCharacters: used };
}

function cutAtStopSequence(
  blocks: readonly PlannedBlock[],
  sequences: readonly string[],
): { blocks: PlannedBlock[]; stopSequence: string | null } {
  const kept: PlannedBlock[] = [];
  for (const block of blocks) {
    const match = block.kind === 'text' ? earliestMatch(block.text, sequences) : undefined;
    if (block.kind !== 'text' || match === undefined) {
      kept.push(block);
      continue;
    }
    if (match.index > 0) kept.push({ ...block, text: block.text.slice(0, match.index) });
    return { blocks: kept, stopSequence: match.sequence };
  }
  return { blocks: kept, stopSequence: null };
}

function earliestMatch(text: string, sequences: readonly string[]): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (sequence.length === 0) continue;
    const index = text.indexOf(sequence);
    if (index !== -1 && (best === undefined || index < best.index)) best = { index, sequence };
  }
  return best;
}

export function blockCharacters(block: PlannedBlock): number {
  switch (block.kind) {
    case 'text':
    case 'reasoning':
      return block.text.length;
    case 'toolUse':
      return block.name.length + JSON.stringify(block.input ?? {}).length;
    case 'redactedReasoning':
      return Math.ceil(block.data.length / 4);
    default: {
      const unexpected: never = block;
      throw new Error(`unknown block ${JSON.stringify(unexpected)}`);
    }
  }
}
