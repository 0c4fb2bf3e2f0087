import type { IncomingHttpHeaders } from 'node:http';
import { ProxyError } from '../errors.js';
import type { ClientIdentity, KeyAuthenticator } from './create-key-authenticator.js';

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

/** The caller's identity, or a 401 `authentication_error` that never repeats the key sent. */
export async function requireApiKey(headers: IncomingHttpHeaders, authenticate: KeyAuthenticator): Promise<ClientIdentity> {
  const key = extractApiKey(headers);
  if (key === undefined) {
    throw new ProxyError('AUTHENTICATION_FAILED', 'Missing API key: send it in the x-api-key header or as Authorization: Bearer <key>');
  }
  const identity = await authenticate(key);
  if (identity === undefined) throw new ProxyError('AUTHENTICATION_FAILED', 'invalid x-api-key');
  return identity;
}
