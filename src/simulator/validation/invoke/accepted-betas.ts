/**
 * `anthropic_beta` flags Bedrock's Claude endpoint accepts on InvokeModel; any other flag is
 * answered with a 400 "invalid beta flag". Anthropic-only features are refused: claude-code-*,
 * prompt-caching-*, advanced-tool-use-*, per-turn-control-*, mid-conversation-tool-changes-*,
 * thinking-token-count-*, tool search, files API, MCP client, code execution, web fetch.
 * The list follows the flags AWS documents for Claude plus those seen accepted; keep it in step
 * with `src/convert/anthropic-betas.ts`, which chooses what the proxy forwards.
 */
export const acceptedBetas: ReadonlySet<string> = new Set([
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
  'context-management-2025-06-27',
  'tool-examples-2025-10-29',
  'compact-2026-01-12',
]);

export function isAcceptedBeta(flag: string): boolean {
  return acceptedBetas.has(flag);
}
