import type { ToolDefinition } from '../../anthropic/request-schema.js';
import { unsupportedField } from '../../errors.js';
import type { Path } from '../conversion-context.js';
import { removeField, type NativeContext } from './native-context.js';
import { reduceCacheControl } from './reduce-cache-control.js';

/** Anthropic-defined tools the client runs; Bedrock carries them natively with their betas. */
const clientToolPattern = /^(?:bash|text_editor|computer|memory)_/;
const toolExamplesBeta = 'tool-examples-2025-10-29';

/**
 * Tools for the InvokeModel body: custom tools keep what Bedrock accepts, Anthropic-defined client
 * tools pass through, server tools (run on Anthropic's platform) are refused by name.
 */
export function sanitizeNativeTools(tools: readonly ToolDefinition[], context: NativeContext): Array<Record<string, unknown>> {
  return tools.map((tool, index) => {
    const path = ['tools', index];
    const type = tool.type ?? undefined;
    if (type !== undefined && type !== 'custom' && !clientToolPattern.test(type)) {
      throw unsupportedField(path, `tool type "${type}" is not supported through Bedrock InvokeModel`);
    }
    const copy: Record<string, unknown> = { ...tool };
    if (copy['type'] === null) removeField(copy, 'type', path, context);
    removeExtras(copy, path, context);
    reduceCacheControl(copy, path, context);
    return copy;
  });
}

/** Claude Code's tool extras that Bedrock answers with "Extra inputs are not permitted". */
function removeExtras(tool: Record<string, unknown>, path: Path, context: NativeContext): void {
  const allowedCallers = tool['allowed_callers'];
  if (allowedCallers !== undefined && !(Array.isArray(allowedCallers) && allowedCallers.length === 1 && allowedCallers[0] === 'direct')) {
    throw unsupportedField([...path, 'allowed_callers'], 'tools called from code execution are not supported through Bedrock InvokeModel; only ["direct"] is');
  }
  removeField(tool, 'allowed_callers', path, context);
  removeField(tool, 'defer_loading', path, context);
  removeField(tool, 'eager_input_streaming', path, context);
  if (!context.betas.has(toolExamplesBeta)) removeField(tool, 'input_examples', path, context);
}
