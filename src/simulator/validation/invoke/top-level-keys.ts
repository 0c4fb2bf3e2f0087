import { extraInput } from './pydantic-wording.js';

/** The keys Bedrock's Claude body takes; `model` and `stream` belong to the Anthropic API only. */
const permittedKeys: ReadonlySet<string> = new Set([
  'anthropic_version',
  'max_tokens',
  'messages',
  'anthropic_beta',
  'system',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'metadata',
  'output_config',
  'context_management',
]);

export function topLevelKeys(body: Record<string, unknown>): string | undefined {
  const extra = Object.keys(body).find((key) => !permittedKeys.has(key));
  return extra === undefined ? undefined : extraInput(extra);
}
