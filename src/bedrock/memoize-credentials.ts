import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface MemoizeCredentialsOptions {
  now: () => number;
  /** Credentials expiring within this window are refreshed before use; default 5 minutes. */
  refreshWindowMs?: number;
}

const defaultRefreshWindowMs = 5 * 60_000;

/**
 * Caches credentials until they come within the refresh window of their expiration. Concurrent
 * callers share one in-flight load; a failed refresh falls back to credentials that have not yet
 * expired, so a brief outage of the credential source does not fail requests early.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
  options: MemoizeCredentialsOptions,
): AwsCredentialIdentityProvider {
  const refreshWindowMs = options.refreshWindowMs ?? defaultRefreshWindowMs;
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;

  const load = (): Promise<AwsCredentialIdentity> => {
    inFlight ??= provider().then(
      (credentials) => {
        cached = credentials;
        inFlight = undefined;
        return credentials;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };

  return async () => {
    if (cached === undefined) return load();
    const expiresAt = cached.expiration?.getTime();
    if (expiresAt === undefined) return cached;
    const now = options.now();
    if (expiresAt - now > refreshWindowMs) return cached;
    const current = cached;
    try {
      return await load();
    } catch (error) {
      if (expiresAt > options.now()) return current;
      throw error;
    }
  };
}
