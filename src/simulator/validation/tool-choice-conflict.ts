import { additionalFields, objectField } from './additional-fields.js';
import type { ValidationInput } from './validation-types.js';

/** `toolConfig.toolChoice` and `additionalModelRequestFields.tool_choice.type` cannot both be set. */
export function toolChoiceConflict({ body }: ValidationInput): string | undefined {
  const choice = body.toolConfig?.toolChoice;
  const additional = objectField(additionalFields(body.additionalModelRequestFields), 'tool_choice');
  if (choice === undefined || additional?.['type'] === undefined) return undefined;
  const member = choice.auto !== undefined ? 'auto' : choice.any !== undefined ? 'any' : 'tool';
  return `The additional field tool_choice/type conflicts with the existing field toolConfig.toolChoice.${member}. Remove tool_choice/type and try again.`;
}
