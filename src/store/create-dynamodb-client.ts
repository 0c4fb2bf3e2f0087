import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { nodeProviderChain } from '../aws/node-provider-chain.js';

export type DynamoDbTarget =
  | { kind: 'endpoint'; endpoint: string; region: string }
  | { kind: 'aws'; region: string; profile?: string };

/**
 * Local engines get fixed credentials: dynalite ignores them, and DynamoDB Local keeps separate
 * data per access key unless started with `-sharedDb`, so every command must present the same one.
 */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export function createDynamoDbClient(target: DynamoDbTarget): DynamoDBClient {
  switch (target.kind) {
    case 'endpoint':
      return new DynamoDBClient({
        endpoint: target.endpoint,
        region: target.region,
        credentials: localCredentials,
        maxAttempts: 3,
      });
    case 'aws':
      return new DynamoDBClient({
        region: target.region,
        credentials: nodeProviderChain(target.profile === undefined ? {} : { profile: target.profile }),
        maxAttempts: 3,
      });
    default: {
      const unexpected: never = target;
      throw new Error(`unknown DynamoDB target ${JSON.stringify(unexpected)}`);
    }
  }
}
