import type { ToolChoice } from '../anthropic/request-schema.js';
import { invalidField, unsupportedField } from '../errors.js';
import type { ConverseToolChoice } from './converse-shapes.js';
import type { ConversionContext } from './conversion-context.js';
import type { DocumentValue } from './document-value.js';

export interface ToolChoicePlan {
  /** False when the model must not see the tools at all. */
  sendTools: boolean;
  toolChoice?: ConverseToolChoice;
  /** Claude's native tool_choice, for what Converse's toolChoice cannot say. */
  additionalToolChoice?: DocumentValue;
}

export interface ToolChoiceSituation {
  hasTools: boolean;
  hasToolHistory: boolean;
}

/**
 * tool_choice (spec §1.5). `disable_parallel_tool_use` and `none` exist only in Claude's native
 * field, and Bedrock rejects a request that sets both carriers, so those go in
 * `additionalModelRequestFields.tool_choice` alone.
 */
export function convertToolChoice(
  choice: ToolChoice | undefined,
  situation: ToolChoiceSituation,
  context: ConversionContext,
): ToolChoicePlan {
  const { anthropicModel } = context.options;
  if (choice === undefined) return { sendTools: true };
  if (choice.type === 'none') {
    if (!situation.hasToolHistory) return { sendTools: false };
    if (!anthropicModel) {
      throw unsupportedField(['tool_choice'], 'tool_choice "none" with tool calls in the history is only supported for Claude models on Bedrock');
    }
    return { sendTools: true, additionalToolChoice: { type: 'none' } };
  }
  if (!situation.hasTools) {
    if (choice.type === 'auto') return { sendTools: true };
    throw invalidField(['tool_choice'], `tool_choice "${choice.type}" requires at least one tool in \`tools\``);
  }
  const name = choice.type === 'tool' ? context.toolNames.register(choice.name, ['tool_choice', 'name']) : undefined;
  if (choice.disable_parallel_tool_use === true) {
    if (!anthropicModel) {
      throw unsupportedField(['tool_choice', 'disable_parallel_tool_use'], 'disable_parallel_tool_use is only supported for Claude models on Bedrock');
    }
    const native = { type: choice.type, ...(name === undefined ? {} : { name }), disable_parallel_tool_use: true };
    return { sendTools: true, additionalToolChoice: native };
  }
  switch (choice.type) {
    case 'auto':
      return { sendTools: true, toolChoice: { auto: {} } };
    case 'any':
      return { sendTools: true, toolChoice: { any: {} } };
    case 'tool':
      return { sendTools: true, toolChoice: { tool: { name: name ?? choice.name } } };
    default: {
      const unhandled: never = choice;
      throw invalidField(['tool_choice'], `unknown tool_choice ${JSON.stringify(unhandled)}`);
    }
  }
}
