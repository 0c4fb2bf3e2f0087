import type { PlannedBlock, PlannedCitation } from '../answer/answer-plan.js';
import type { NativeCitation, NativeContentBlock } from './native-types.js';

/** A planned block as a Claude content block (`citations` only on a cited text block). */
export function renderNativeBlock(block: PlannedBlock): NativeContentBlock {
  switch (block.kind) {
    case 'text':
      return block.citations.length === 0
        ? { type: 'text', text: block.text }
        : { type: 'text', text: block.text, citations: block.citations.map(renderNativeCitation) };
    case 'toolUse':
      return { type: 'tool_use', id: block.toolUseId, name: block.name, input: block.input };
    case 'reasoning':
      return { type: 'thinking', thinking: block.text, signature: block.signature };
    case 'redactedReasoning':
      return { type: 'redacted_thinking', data: block.data };
    default: {
      const unexpected: never = block;
      throw new Error(`unknown block ${JSON.stringify(unexpected)}`);
    }
  }
}

export function renderNativeCitation(citation: PlannedCitation): NativeCitation {
  const common = { cited_text: citation.citedText, document_index: citation.documentIndex, document_title: citation.title };
  switch (citation.location) {
    case 'documentChar':
      return { type: 'char_location', ...common, start_char_index: citation.start, end_char_index: citation.end };
    case 'documentPage':
      return { type: 'page_location', ...common, start_page_number: citation.start, end_page_number: citation.end };
    case 'documentChunk':
      return { type: 'content_block_location', ...common, start_block_index: citation.start, end_block_index: citation.end };
    default: {
      const unexpected: never = citation.location;
      throw new Error(`unknown citation location ${String(unexpected)}`);
    }
  }
}
