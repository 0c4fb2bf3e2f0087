import { ProxyError } from '../errors.js';

/**
 * The regional Bedrock Runtime endpoint from the AWS SDK's endpoint rules (partitions such as
 * aws-cn and aws-us-gov included). The client is only built to reach its rules engine and never
 * sends; it is loaded on demand, so a proxy given an endpoint (a simulator, a VPC endpoint) does
 * not carry the SDK client in memory.
 */
export async function resolveBedrockEndpoint(region: string): Promise<string> {
  const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
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
