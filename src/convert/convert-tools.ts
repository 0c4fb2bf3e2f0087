import type { CustomToolDefinition, ToolDefinition } from '../anthropic/request-schema.js';
import type { ConverseTool } from '../bedrock/types.js';
import { unsupportedField } from '../errors.js';
import { appendCachePoint } from './cache-points.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { asDocumentValue } from './document-value.js';

/** Custom tools → `toolConfig.tools` (spec §1.4); Anthropic-defined and server tools are refused. */
export function convertTools(tools: readonly ToolDefinition[] | undefined, context: ConversionContext): ConverseTool[] {
  const converted: ConverseTool[] = [];
  (tools ?? []).forEach((tool, index) => {
    const path = ['tools', index];
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      throw unsupportedField(path, `tool type "${tool.type}" is not supported through Bedrock Converse`);
    }
    converted.push(convertCustomTool(tool, path, context));
    appendCachePoint(converted, { cacheControl: tool.cache_control, path }, context);
  });
  return converted;
}

function convertCustomTool(tool: CustomToolDefinition, path: Path, context: ConversionContext): ConverseTool {
  if (tool.allowed_callers !== undefined && !(tool.allowed_callers.length === 1 && tool.allowed_callers[0] === 'direct')) {
    throw unsupportedField([...path, 'allowed_callers'], 'tools called from code execution are not supported through Bedrock Converse; only ["direct"] is');
  }
  if (tool.input_examples !== undefined && tool.input_examples.length > 0) {
    throw unsupportedField([...path, 'input_examples'], 'tool input examples are not supported through Bedrock Converse');
  }
  if (tool.defer_loading === true) {
    context.warnings.push(`${path.join('.')}.defer_loading: ignored; Bedrock has no deferred tool loading, so the tool is sent with the others`);
  }
  if (tool.eager_input_streaming === true) {
    context.warnings.push(`${path.join('.')}.eager_input_streaming: ignored; Bedrock streams tool input its own way`);
  }
  const name = context.toolNames.register(tool.name, [...path, 'name']);
  const toolSpec: NonNullable<ConverseTool['toolSpec']> = { name, inputSchema: { json: asDocumentValue(tool.input_schema) } };
  if (tool.description !== undefined && tool.description.length > 0) toolSpec.description = tool.description;
  if (tool.strict !== undefined) toolSpec.strict = tool.strict;
  return { toolSpec };
}
