import type { ImageBlockParam } from '../anthropic/request-schema.js';
import { unsupportedField } from '../errors.js';
import type { ConverseImage } from './converse-shapes.js';
import type { Path } from './conversion-context.js';

const imageFormats = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' } as const;

/** A base64 image keeps its base64 string: Converse wire blobs are base64 too. */
export function convertImage(block: ImageBlockParam, path: Path): ConverseImage {
  if (block.transformations !== undefined && block.transformations !== null) {
    throw unsupportedField([...path, 'transformations'], 'image transformations are not supported through Bedrock');
  }
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return { format: imageFormats[source.media_type], source: { bytes: source.data } };
    case 'url':
      throw unsupportedField([...path, 'source'], 'URL image sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the image as base64');
    case 'file':
      throw unsupportedField([...path, 'source'], 'Files API image sources (file_id) are not supported through Bedrock; send the image as base64');
    default: {
      const unhandled: never = source;
      throw unsupportedField([...path, 'source'], `image source ${JSON.stringify(unhandled)} is not supported`);
    }
  }
}
