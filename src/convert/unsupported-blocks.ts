import { unsupportedBlockTypes, type UnsupportedBlockParam } from '../anthropic/request-schema.js';
import { unsupportedField, type ProxyError } from '../errors.js';
import type { Path } from './conversion-context.js';

const unsupportedTypes: ReadonlySet<string> = new Set(unsupportedBlockTypes);

/** Anthropic blocks (server tools, MCP, containers, compaction, …) that Converse has no place for. */
export function isUnsupportedBlock(block: { type: string }): block is UnsupportedBlockParam {
  return unsupportedTypes.has(block.type);
}

export function unsupportedBlockError(block: UnsupportedBlockParam, path: Path, api: 'Converse' | 'InvokeModel' = 'Converse'): ProxyError {
  return unsupportedField(path, `content block type "${block.type}" is not supported through Bedrock ${api}`);
}
