import { additionalFields } from './additional-fields.js';
import { isAnthropicModel, type ValidationInput } from './validation-types.js';

/** Claude validates `additionalModelRequestFields.tool_choice` itself and requires its `type`. */
export function toolChoiceTypeRequired({ body, modelId }: ValidationInput): string | undefined {
  if (!isAnthropicModel(modelId)) return undefined;
  const toolChoice = additionalFields(body.additionalModelRequestFields)['tool_choice'];
  if (toolChoice === undefined) return undefined;
  const hasType = typeof toolChoice === 'object' && toolChoice !== null && 'type' in toolChoice;
  return hasType ? undefined : 'The model returned the following errors: tool_choice.type: Field required';
}
