import type { SearchResultBlockParam } from '../anthropic/request-schema.js';
import type { ConverseSearchResult } from './converse-shapes.js';
import type { ConversionContext, Path } from './conversion-context.js';
import { userCitationsError } from './convert-text-block.js';

export function convertSearchResult(block: SearchResultBlockParam, path: Path, context: ConversionContext): ConverseSearchResult {
  const content = block.content.map((item, index) => {
    if ((item.citations ?? []).length > 0) throw userCitationsError([...path, 'content', index], context);
    return { text: item.text };
  });
  const searchResult: ConverseSearchResult = { source: block.source, title: block.title, content };
  if (block.citations?.enabled !== undefined) searchResult.citations = { enabled: block.citations.enabled };
  return searchResult;
}
