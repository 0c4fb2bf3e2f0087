import type { CitationParam } from '../anthropic/request-schema.js';
import type { ConverseCitation } from './converse-shapes.js';

/** A citation the client echoes back on assistant text, in Converse form (the reverse of §2.4). */
export function convertCitationToBedrock(citation: CitationParam): ConverseCitation {
  const sourceContent = [{ text: citation.cited_text }];
  switch (citation.type) {
    case 'char_location':
      return withTitle(citation.document_title, {
        sourceContent,
        location: { documentChar: { documentIndex: citation.document_index, start: citation.start_char_index, end: citation.end_char_index } },
      });
    case 'page_location':
      return withTitle(citation.document_title, {
        sourceContent,
        location: { documentPage: { documentIndex: citation.document_index, start: citation.start_page_number, end: citation.end_page_number } },
      });
    case 'content_block_location':
      return withTitle(citation.document_title, {
        sourceContent,
        location: { documentChunk: { documentIndex: citation.document_index, start: citation.start_block_index, end: citation.end_block_index } },
      });
    case 'search_result_location':
      return withTitle(citation.title, {
        source: citation.source,
        sourceContent,
        location: {
          searchResultLocation: {
            searchResultIndex: citation.search_result_index,
            start: citation.start_block_index,
            end: citation.end_block_index,
          },
        },
      });
    case 'web_search_result_location':
      return withTitle(citation.title, { sourceContent, location: { web: { url: citation.url } } });
    default: {
      const unhandled: never = citation;
      return unhandled;
    }
  }
}

function withTitle(title: string | null, citation: ConverseCitation): ConverseCitation {
  return title === null ? citation : { title, ...citation };
}
