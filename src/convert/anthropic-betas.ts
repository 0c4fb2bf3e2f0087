/**
 * `anthropic-beta` flags Bedrock accepts for Claude in `additionalModelRequestFields.anthropic_beta`
 * on Converse. Bedrock answers an unknown flag with a 400, and many client flags (claude-code-*,
 * prompt-caching-*, advanced-tool-use-*, context-management-*, tool search, per-turn control…)
 * name Anthropic-only API features, so we pass only these and drop the rest with a warning
 * (spec §8.3). Grow this list when Bedrock documents another flag.
 */
const bedrockClaudeBetas: ReadonlySet<string> = new Set([
  'interleaved-thinking-2025-05-14',
  'context-1m-2025-08-07',
  'fine-grained-tool-streaming-2025-05-14',
  'token-efficient-tools-2025-02-19',
  'output-128k-2025-02-19',
  'dev-full-thinking-2025-05-14',
  'effort-2025-11-24',
  'computer-use-2024-10-22',
  'computer-use-2025-01-24',
  'computer-use-2025-11-24',
]);

/**
 * Flags Bedrock accepts in the native InvokeModel body's `anthropic_beta`: the Converse ones plus
 * the features only the native body can carry (context management, compaction, tool examples).
 */
const bedrockInvokeModelBetas: ReadonlySet<string> = new Set([
  ...bedrockClaudeBetas,
  'context-management-2025-06-27',
  'tool-examples-2025-10-29',
  'compact-2026-01-12',
]);

export interface BetaSelection {
  accepted: string[];
  dropped: string[];
}

/** Splits the client's betas into those sent to Bedrock and those dropped (all of them for non-Claude models). */
export function selectBedrockBetas(betas: readonly string[], anthropicModel: boolean): BetaSelection {
  return splitBetas(betas, anthropicModel ? bedrockClaudeBetas : new Set());
}

/** Splits the client's betas into those the InvokeModel body carries and those dropped. */
export function selectInvokeModelBetas(betas: readonly string[]): BetaSelection {
  return splitBetas(betas, bedrockInvokeModelBetas);
}

function splitBetas(betas: readonly string[], allowed: ReadonlySet<string>): BetaSelection {
  const unique = [...new Set(betas.filter((beta) => beta.length > 0))];
  return {
    accepted: unique.filter((beta) => allowed.has(beta)),
    dropped: unique.filter((beta) => !allowed.has(beta)),
  };
}
