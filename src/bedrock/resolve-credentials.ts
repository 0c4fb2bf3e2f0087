import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { nodeProviderChain } from '../aws/node-provider-chain.js';
import { memoizeCredentials } from './memoize-credentials.js';

/** Default chain (env, shared config/SSO, web identity, ECS/IMDS) or a named profile; cached and refreshed ahead of expiry. */
export function resolveCredentials(options: { profile?: string; region: string }): AwsCredentialIdentityProvider {
  const chain = nodeProviderChain(options);
  return memoizeCredentials(() => chain(), { now: Date.now });
}

export function staticCredentials(accessKeyId: string, secretAccessKey: string): AwsCredentialIdentityProvider {
  const credentials = Object.freeze({ accessKeyId, secretAccessKey });
  return () => Promise.resolve(credentials);
}
