import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApiKeyStore } from './create-api-key-store.js';
import { createModelMappingStore } from './create-model-mapping-store.js';
import { createResponseCacheStore } from './create-response-cache-store.js';
import { createUsageStore } from './create-usage-store.js';
import type { Store, TableNames } from './types.js';

export interface OpenedStore extends Store {
  /** The low-level client, for `setup-tables`. */
  client: DynamoDBClient;
}

export interface CreateStoreOptions {
  client: DynamoDBClient;
  tables: TableNames;
  usageTtlDays: number;
  description: string;
  now: () => Date;
  /** Releases what the location holds (engine, lock, files), once the client is destroyed. */
  release?: () => Promise<void>;
}

/** One document client shared by every table. */
export function createStore(options: CreateStoreOptions): OpenedStore {
  const documentClient = DynamoDBDocumentClient.from(options.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const context = (table: string) => ({ documentClient, table, description: options.description, now: options.now });
  let closed: Promise<void> | undefined;
  return {
    client: options.client,
    tables: options.tables,
    description: options.description,
    apiKeys: createApiKeyStore(context(options.tables.apiKeys)),
    usage: createUsageStore({ ...context(options.tables.usage), client: options.client, ttlDays: options.usageTtlDays }),
    modelMappings: createModelMappingStore(context(options.tables.modelMappings)),
    responseCache: createResponseCacheStore(context(options.tables.cache)),
    close() {
      closed ??= (async () => {
        options.client.destroy();
        await options.release?.();
      })();
      return closed;
    },
  };
}
