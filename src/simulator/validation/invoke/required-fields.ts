import { fieldRequired, invalidType } from './pydantic-wording.js';

export const bedrockAnthropicVersion = 'bedrock-2023-05-31';

/** `anthropic_version` (Bedrock's own value), `max_tokens` ≥ 1 and a non-empty `messages` list. */
export function requiredFields(body: Record<string, unknown>): string | undefined {
  const version = body['anthropic_version'];
  if (version === undefined || version === null) return fieldRequired('anthropic_version');
  if (version !== bedrockAnthropicVersion) return `anthropic_version: Input should be '${bedrockAnthropicVersion}'`;
  const maxTokens = body['max_tokens'];
  if (maxTokens === undefined || maxTokens === null) return fieldRequired('max_tokens');
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens)) return invalidType('max_tokens', 'integer');
  if (maxTokens < 1) return 'max_tokens: Input should be greater than or equal to 1';
  const messages = body['messages'];
  if (messages === undefined || messages === null) return fieldRequired('messages');
  if (!Array.isArray(messages)) return invalidType('messages', 'list');
  if (messages.length === 0) return 'messages: at least one message is required';
  return undefined;
}
