import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * The AWS SDK's default credential chain (environment, shared config and SSO, web identity,
 * ECS/EC2 roles) or a named profile, loaded on first use: processes that never need AWS
 * credentials (a simulator, a local store) do not carry the providers in memory.
 */
export function nodeProviderChain(options: { profile?: string; region?: string }): AwsCredentialIdentityProvider {
  let chain: Promise<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    chain ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain({
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        ...(options.region === undefined ? {} : { clientConfig: { region: options.region } }),
      }),
    );
    return (await chain)();
  };
}
