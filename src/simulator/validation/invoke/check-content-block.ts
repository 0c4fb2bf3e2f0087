import { isRecord } from '../../native/native-request.js';
import { checkCacheControl } from './check-cache-control.js';
import { checkObject, type ObjectSpec } from './check-object.js';
import { invalidType, joinPath, patternMismatch, tagMismatch, tagMissing } from './pydantic-wording.js';

const blockSpecs: Readonly<Record<string, ObjectSpec>> = {
  text: { fields: { type: 'string', text: 'string', cache_control: 'any', citations: 'any' }, required: ['text'] },
  image: { fields: { type: 'string', source: 'dictionary', cache_control: 'any' }, required: ['source'] },
  document: {
    fields: { type: 'string', source: 'dictionary', title: 'string', context: 'string', citations: 'any', cache_control: 'any' },
    required: ['source'],
  },
  search_result: {
    fields: { type: 'string', source: 'string', title: 'string', content: 'list', citations: 'any', cache_control: 'any' },
    required: ['source', 'title', 'content'],
  },
  tool_use: {
    fields: { type: 'string', id: 'string', name: 'string', input: 'dictionary', cache_control: 'any' },
    required: ['id', 'name', 'input'],
  },
  tool_result: {
    fields: { type: 'string', tool_use_id: 'string', content: 'any', is_error: 'boolean', cache_control: 'any' },
    required: ['tool_use_id'],
  },
  thinking: { fields: { type: 'string', thinking: 'string', signature: 'string' }, required: ['thinking', 'signature'] },
  redacted_thinking: { fields: { type: 'string', data: 'string' }, required: ['data'] },
};

/** Block types a message may hold, in the order Claude lists them. */
export const messageBlockTypes = Object.keys(blockSpecs);
/** Block types inside a `tool_result`'s content. */
export const toolResultBlockTypes = ['text', 'image', 'document', 'search_result'];

const toolUseIdPattern = '^[a-zA-Z0-9_-]+$';

/** One content block: a known type, only its own keys, its required members, a valid `cache_control`. */
export function checkContentBlock(block: unknown, path: string, allowedTypes: readonly string[]): string | undefined {
  if (!isRecord(block)) return invalidType(path, 'dictionary');
  const type = block['type'];
  if (typeof type !== 'string') return tagMissing(path);
  const spec = allowedTypes.includes(type) ? blockSpecs[type] : undefined;
  if (spec === undefined) return tagMismatch(path, type, allowedTypes);
  const tagged = joinPath(path, type);
  return (
    checkObject(block, tagged, spec) ??
    checkCacheControl(block['cache_control'], joinPath(tagged, 'cache_control')) ??
    checkBlockMembers(block, type, tagged)
  );
}

function checkBlockMembers(block: Record<string, unknown>, type: string, tagged: string): string | undefined {
  if (type === 'tool_use' && !new RegExp(toolUseIdPattern).test(String(block['id']))) {
    return patternMismatch(joinPath(tagged, 'id'), toolUseIdPattern);
  }
  if (type !== 'tool_result') return undefined;
  const content = block['content'];
  if (content === undefined || content === null || typeof content === 'string') return undefined;
  const contentPath = joinPath(tagged, 'content');
  if (!Array.isArray(content)) return invalidType(contentPath, 'list');
  for (let index = 0; index < content.length; index += 1) {
    const problem = checkContentBlock(content[index], joinPath(contentPath, index), toolResultBlockTypes);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
