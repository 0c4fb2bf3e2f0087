import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ProxyError } from '../errors.js';

/**
 * The API key a client sent: `x-api-key` (0.x SDKs, curl) or `Authorization: Bearer` (1.x SDKs).
 * When both are present `x-api-key` wins, as on Anthropic's API.
 */
export function extractApiKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey;
  const authorization = headers.authorization;
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization);
  return match?.[1]?.trim() || undefined;
}

/**
 * Checks keys against the master key. Both sides are hashed first so the comparison takes the same
 * time whatever the length or content of the key sent.
 */
export function createMasterKeyCheck(masterKey: string): (candidate: string) => boolean {
  const expected = sha256(masterKey);
  return (candidate) => timingSafeEqual(sha256(candidate), expected);
}

export function requireApiKey(headers: IncomingHttpHeaders, isValid: (key: string) => boolean): void {
  const key = extractApiKey(headers);
  if (key === undefined) {
    throw new ProxyError('AUTHENTICATION_FAILED', 'Missing API key: send it in the x-api-key header or as Authorization: Bearer <key>');
  }
  if (!isValid(key)) throw new ProxyError('AUTHENTICATION_FAILED', 'invalid x-api-key');
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
