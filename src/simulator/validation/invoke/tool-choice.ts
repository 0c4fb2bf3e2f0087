import { isRecord } from '../../native/native-request.js';
import { checkObject, type ObjectSpec } from './check-object.js';
import { fieldRequired, invalidType, tagMismatch } from './pydantic-wording.js';

const choiceSpecs: Readonly<Record<string, ObjectSpec>> = {
  auto: { fields: { type: 'string', disable_parallel_tool_use: 'boolean' } },
  any: { fields: { type: 'string', disable_parallel_tool_use: 'boolean' } },
  tool: { fields: { type: 'string', name: 'string', disable_parallel_tool_use: 'boolean' }, required: ['name'] },
  none: { fields: { type: 'string' } },
};

/** `tool_choice` needs its `type` (auto, any, tool with a name, none) and nothing else. */
export function toolChoice(body: Record<string, unknown>): string | undefined {
  const choice = body['tool_choice'];
  if (choice === undefined || choice === null) return undefined;
  if (!isRecord(choice)) return invalidType('tool_choice', 'dictionary');
  const type = choice['type'];
  if (type === undefined || type === null) return fieldRequired('tool_choice.type');
  const spec = typeof type === 'string' && Object.hasOwn(choiceSpecs, type) ? choiceSpecs[type] : undefined;
  if (spec === undefined) return tagMismatch('tool_choice', String(type), Object.keys(choiceSpecs));
  return checkObject(choice, `tool_choice.${String(type)}`, spec);
}
