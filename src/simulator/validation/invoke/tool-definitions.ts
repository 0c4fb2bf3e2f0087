import { isRecord } from '../../native/native-request.js';
import { checkCacheControl } from './check-cache-control.js';
import { checkObject } from './check-object.js';
import { invalidType, joinPath, patternMismatch, tagMismatch } from './pydantic-wording.js';

const namePattern = '^[a-zA-Z0-9_-]{1,128}$';

// Claude Code and the Anthropic API add keys (`defer_loading`, `input_examples`, `eager_input_streaming`,
// `allowed_callers`) that Bedrock's Claude refuses: only these reach the model.
const customFields = {
  type: 'string',
  name: 'string',
  description: 'string',
  input_schema: 'dictionary',
  cache_control: 'any',
  strict: 'boolean',
} as const;

/** Anthropic-defined client tools Bedrock accepts (computer use, bash, text editor). */
const anthropicToolTypes = [
  'bash_20241022',
  'bash_20250124',
  'text_editor_20241022',
  'text_editor_20250124',
  'text_editor_20250429',
  'text_editor_20250728',
  'computer_20241022',
  'computer_20250124',
  'computer_20251124',
];

/** `tools`: custom tools with only their own keys and a valid name, or Anthropic client tools; names unique. */
export function toolDefinitions(body: Record<string, unknown>): string | undefined {
  const tools = body['tools'];
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) return invalidType('tools', 'list');
  const names = new Set<string>();
  for (let index = 0; index < tools.length; index += 1) {
    const tool: unknown = tools[index];
    const problem = checkTool(tool, `tools.${index}`);
    if (problem !== undefined) return problem;
    const name = String((tool as Record<string, unknown>)['name']);
    if (names.has(name)) return 'tools: Tool names must be unique.';
    names.add(name);
  }
  return undefined;
}

function checkTool(tool: unknown, path: string): string | undefined {
  if (!isRecord(tool)) return invalidType(path, 'dictionary');
  const type = tool['type'];
  if (type === undefined || type === null || type === 'custom') {
    const tagged = joinPath(path, 'custom');
    const shape = checkObject(tool, tagged, { fields: customFields, required: ['name', 'input_schema'] });
    if (shape !== undefined) return shape;
    if (!new RegExp(namePattern).test(String(tool['name']))) return patternMismatch(joinPath(tagged, 'name'), namePattern);
    return checkCacheControl(tool['cache_control'], joinPath(tagged, 'cache_control'));
  }
  if (typeof type !== 'string' || !anthropicToolTypes.includes(type)) return tagMismatch(path, String(type), ['custom', ...anthropicToolTypes]);
  const tagged = joinPath(path, type);
  if (typeof tool['name'] !== 'string') return invalidType(joinPath(tagged, 'name'), 'string');
  return checkCacheControl(tool['cache_control'], joinPath(tagged, 'cache_control'));
}
