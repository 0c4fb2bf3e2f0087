import type { TextCitation } from '../anthropic/types.js';
import type { ConverseCitation, ConverseCitationDelta } from './converse-shapes.js';

/**
 * A Converse citation (or streamed citation delta) as an Anthropic text citation (spec §2.4);
 * undefined for a location kind Anthropic has no shape for.
 */
export function convertCitationToAnthropic(citation: ConverseCitation | ConverseCitationDelta): TextCitation | undefined {
  const citedText = (citation.sourceContent ?? []).map((part) => part.text ?? '').join('');
  const title = citation.title ?? null;
  const location = citation.location;
  if (location === undefined) return undefined;
  if (location.documentChar !== undefined) {
    const { documentIndex, start, end } = location.documentChar;
    return {
      type: 'char_location',
      cited_text: citedText,
      document_index: documentIndex ?? 0,
      document_title: title,
      start_char_index: start ?? 0,
      end_char_index: end ?? 0,
      file_id: null,
    };
  }
  if (location.documentPage !== undefined) {
    const { documentIndex, start, end } = location.documentPage;
    return {
      type: 'page_location',
      cited_text: citedText,
      document_index: documentIndex ?? 0,
      document_title: title,
      start_page_number: start ?? 0,
      end_page_number: end ?? 0,
      file_id: null,
    };
  }
  if (location.documentChunk !== undefined) {
    const { documentIndex, start, end } = location.documentChunk;
    return {
      type: 'content_block_location',
      cited_text: citedText,
      document_index: documentIndex ?? 0,
      document_title: title,
      start_block_index: start ?? 0,
      end_block_index: end ?? 0,
      file_id: null,
    };
  }
  if (location.searchResultLocation !== undefined) {
    const { searchResultIndex, start, end } = location.searchResultLocation;
    return {
      type: 'search_result_location',
      cited_text: citedText,
      search_result_index: searchResultIndex ?? 0,
      start_block_index: start ?? 0,
      end_block_index: end ?? 0,
      source: citation.source ?? '',
      title,
    };
  }
  if (location.web !== undefined) {
    // Bedrock has no encrypted index for web results; an empty one keeps the shape clients expect.
    return { type: 'web_search_result_location', cited_text: citedText, url: location.web.url ?? '', title, encrypted_index: '' };
  }
  return undefined;
}
