import { isRecord } from '../../native/native-request.js';
import { fieldRequired, invalidType, tagMismatch, tagMissing } from './pydantic-wording.js';

const thinkingTypes = ['enabled', 'disabled', 'adaptive'];
const minimumBudget = 1024;

/** `thinking`: `enabled` needs 1024 ≤ budget_tokens < max_tokens; `adaptive` and `disabled` pass; other keys (`display`) pass. */
export function thinkingConfig(body: Record<string, unknown>): string | undefined {
  const thinking = body['thinking'];
  if (thinking === undefined || thinking === null) return undefined;
  if (!isRecord(thinking)) return invalidType('thinking', 'dictionary');
  const type = thinking['type'];
  if (typeof type !== 'string') return tagMissing('thinking');
  if (!thinkingTypes.includes(type)) return tagMismatch('thinking', type, thinkingTypes);
  if (type !== 'enabled') return undefined;
  const budget = thinking['budget_tokens'];
  if (budget === undefined || budget === null) return fieldRequired('thinking.enabled.budget_tokens');
  if (typeof budget !== 'number' || !Number.isInteger(budget)) return invalidType('thinking.enabled.budget_tokens', 'integer');
  if (budget < minimumBudget) return `thinking.enabled.budget_tokens: Input should be greater than or equal to ${minimumBudget}`;
  const maxTokens = body['max_tokens'];
  if (typeof maxTokens === 'number' && budget >= maxTokens) {
    return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  return undefined;
}
