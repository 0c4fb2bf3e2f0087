import { additionalFields, objectField } from './additional-fields.js';
import { isAnthropicModel, type ValidationInput } from './validation-types.js';

const minimumBudget = 1024;

/** `thinking.type: "enabled"` needs 1024 ≤ budget_tokens < maxTokens. */
export function thinkingBudget({ body, modelId }: ValidationInput): string | undefined {
  if (!isAnthropicModel(modelId)) return undefined;
  const thinking = objectField(additionalFields(body.additionalModelRequestFields), 'thinking');
  if (thinking?.['type'] !== 'enabled') return undefined;
  const budget = thinking['budget_tokens'];
  if (typeof budget !== 'number') {
    return 'The model returned the following errors: thinking.enabled.budget_tokens: Field required';
  }
  if (budget < minimumBudget) {
    return `The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to ${minimumBudget}`;
  }
  const maxTokens = body.inferenceConfig?.maxTokens;
  if (maxTokens !== undefined && budget >= maxTokens) {
    return 'The model returned the following errors: `max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  return undefined;
}
