import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ProxyError } from '../errors.js';

/**
 * The regional Bedrock Runtime endpoint from the AWS SDK's endpoint rules (partitions such as
 * aws-cn and aws-us-gov included). The client is only built to reach its rules engine and never sends.
 */
export function resolveBedrockEndpoint(region: string): string {
  const client = new BedrockRuntimeClient({ region });
  try {
    const endpoint = client.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false });
    return endpoint.url.href.replace(/\/$/, '');
  } catch (error) {
    throw new ProxyError('INTERNAL', `No Bedrock Runtime endpoint for region "${region}"`, { cause: error });
  } finally {
    client.destroy();
  }
}
