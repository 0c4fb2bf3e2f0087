import type { TextBlockParam } from '../anthropic/request-schema.js';
import type { ConverseContentBlock } from '../bedrock/types.js';
import { invalidField, unsupportedField, type ProxyError } from '../errors.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { convertCitationToBedrock } from './convert-citation-to-bedrock.js';

export type TurnRole = 'user' | 'assistant';

/** Where a block sits: the role of its turn and its JSON path in the request. */
export interface BlockLocation {
  role: TurnRole;
  path: Path;
}

/** Undefined for blank text, which Bedrock rejects and which carries nothing. */
export function convertTextBlock(block: TextBlockParam, location: BlockLocation, context: ConversionContext): ConverseContentBlock | undefined {
  const { role, path } = location;
  if (block.text.trim().length === 0) return undefined;
  const citations = block.citations ?? [];
  if (citations.length === 0) return { text: block.text };
  if (role === 'user') throw userCitationsError(path, context);
  return { citationsContent: { content: [{ text: block.text }], citations: citations.map(convertCitationToBedrock) } };
}

/** Citations on user-side text: illegal under 2026-10-21, and without a Converse field before it. */
export function userCitationsError(path: Path, context: ConversionContext): ProxyError {
  if (context.options.anthropicVersion === '2026-10-21') {
    return invalidField([...path, 'citations'], 'citations on user text are not allowed with anthropic-version 2026-10-21');
  }
  return unsupportedField([...path, 'citations'], 'citations on user text cannot be carried through Bedrock Converse');
}
