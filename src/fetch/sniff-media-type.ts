export type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

const imageMediaTypes: readonly ImageMediaType[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** The image type the bytes' magic number names, or undefined. */
export function sniffImageType(bytes: Uint8Array): ImageMediaType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWithText(bytes, 'GIF87a') || startsWithText(bytes, 'GIF89a')) return 'image/gif';
  if (startsWithText(bytes, 'RIFF') && startsWithText(bytes.subarray(8), 'WEBP')) return 'image/webp';
  return undefined;
}

/** PDF readers accept the `%PDF-` header anywhere in the first 1024 bytes. */
export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-');
}

/** The media type of a `content-type` header without its parameters, when it is a supported image type. */
export function declaredImageType(contentType: string | undefined): ImageMediaType | undefined {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return imageMediaTypes.find((candidate) => candidate === mediaType);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function startsWithText(bytes: Uint8Array, prefix: string): boolean {
  return startsWith(bytes, [...prefix].map((character) => character.charCodeAt(0)));
}
