import type { ReceivedRequest, SignatureVerifier } from '../verify-signature.js';

export type AuthorizationCheck = { ok: true } | { ok: false; errorName: string; message: string };

/**
 * No `authorization` header fails as on AWS. A bearer token (Bedrock API key) is accepted; a SigV4
 * signature is verified when the simulator has credentials, and otherwise accepted as it is.
 */
export async function checkAuthorization(request: ReceivedRequest, verifier: SignatureVerifier | undefined): Promise<AuthorizationCheck> {
  const authorization = request.headers['authorization'];
  if (authorization === undefined || authorization.length === 0) {
    return { ok: false, errorName: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  if (typeof authorization === 'string' && /^Bearer \S+/.test(authorization)) return { ok: true };
  if (verifier === undefined) return { ok: true };
  const verdict = await verifier(request);
  return verdict.valid ? { ok: true } : { ok: false, errorName: verdict.errorName, message: verdict.message };
}
