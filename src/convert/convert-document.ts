import type { DocumentBlockParam } from '../anthropic/request-schema.js';
import { unsupportedField, type ProxyError } from '../errors.js';
import type { ConverseDocument, ConverseDocumentContent } from './converse-shapes.js';
import type { ConversionContext, Path } from './conversion-context.js';

/** A document block; its title becomes the name Bedrock requires (sanitised, unique, or `document-N`). */
export function convertDocument(block: DocumentBlockParam, path: Path, context: ConversionContext): ConverseDocument {
  const { format, source } = convertSource(block.source, [...path, 'source']);
  const document: ConverseDocument = { format, name: context.documentNames.name(block.title), source };
  if (block.context !== undefined && block.context !== null && block.context.length > 0) document.context = block.context;
  if (block.citations?.enabled !== undefined) document.citations = { enabled: block.citations.enabled };
  return document;
}

function convertSource(source: DocumentBlockParam['source'], path: Path): Pick<ConverseDocument, 'format' | 'source'> {
  switch (source.type) {
    case 'base64':
      return { format: 'pdf', source: { bytes: source.data } };
    case 'text':
      return { format: 'txt', source: { text: source.data } };
    case 'content': {
      if (typeof source.content === 'string') return { format: 'txt', source: { content: [{ text: source.content }] } };
      const content = source.content.map((item, index): ConverseDocumentContent => {
        if (item.type === 'image') {
          throw unsupportedField([...path, 'content', index], 'images inside a document are not supported through Bedrock; send the image as its own block');
        }
        return { text: item.text };
      });
      return { format: 'txt', source: { content } };
    }
    case 'url':
    case 'file':
      throw unfetchedDocumentSourceError(source.type, path);
    default: {
      const unhandled: never = source;
      throw unsupportedField(path, `document source ${JSON.stringify(unhandled)} is not supported`);
    }
  }
}

/** Bedrock has no fetcher and no Files API, on either API. */
export function unfetchedDocumentSourceError(sourceType: 'url' | 'file', path: Path): ProxyError {
  return sourceType === 'url'
    ? unsupportedField(path, 'URL document sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the document as base64')
    : unsupportedField(path, 'Files API document sources (file_id) are not supported through Bedrock; send the document as base64 or text');
}
