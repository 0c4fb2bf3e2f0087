import { additionalFields } from './additional-fields.js';
import { isAnthropicModel, type ValidationInput } from './validation-types.js';

const permitted = new Set(['anthropic_beta', 'thinking', 'top_k', 'tool_choice', 'output_config', 'context_management']);

/** Claude refuses unknown keys in `additionalModelRequestFields` with its own (pydantic) wording. */
export function anthropicAdditionalFields({ body, modelId }: ValidationInput): string | undefined {
  if (!isAnthropicModel(modelId)) return undefined;
  const extra = Object.keys(additionalFields(body.additionalModelRequestFields)).find((key) => !permitted.has(key));
  return extra === undefined ? undefined : `The model returned the following errors: ${extra}: Extra inputs are not permitted`;
}
