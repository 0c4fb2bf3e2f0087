import { createHash, randomBytes } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The largest multiple of 62 a byte can hold: bytes above it are discarded so every character is equally likely. */
const unbiasedByteLimit = 248;

export interface IssuedSecret {
  key: string;
  keyHash: string;
  /** The first 16 characters, shown in listings to recognise a key. */
  prefix: string;
}

/** `sk-proxy-` + 43 base62 characters (about 256 bits). */
export function issueSecret(): IssuedSecret {
  const key = `sk-proxy-${randomBase62(43)}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, 16) };
}

/** SHA-256 hex: the only form in which a key is stored or looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Public id of a key: `key_` + 12 base62 characters. */
export function newKeyId(): string {
  return `key_${randomBase62(12)}`;
}

export function randomBase62(length: number): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= unbiasedByteLimit) continue;
      result += base62[byte % 62];
      if (result.length === length) break;
    }
  }
  return result;
}
