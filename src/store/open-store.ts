import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { toStoreUnavailable } from './call-store.js';
import { createDynamoDbClient } from './create-dynamodb-client.js';
import { createStore, type OpenedStore } from './create-store.js';
import { openEmbeddedStore } from './open-embedded-store.js';
import { describeLocation, type StoreLocation } from './store-location.js';
import type { TableNames } from './types.js';

export type { OpenedStore } from './create-store.js';
export type { StoreLocation } from './store-location.js';
export { StoreUnavailableError } from './store-unavailable-error.js';

export interface OpenStoreOptions {
  location: StoreLocation;
  tables: TableNames;
  usageTtlDays: number;
  /** 'server': `proxy serve` holds the embedded engine (listens, writes its address into the data dir). 'client': a command (keys, mappings, usage, setup-tables): connects to a running serve's engine, or opens the data directly when none runs. */
  role: 'server' | 'client';
  /** Injected for tests. */
  now?: () => Date;
}

/**
 * Opens the store where the location says. The embedded engine creates its tables itself; an
 * endpoint is checked for reachability at once; AWS is not probed (the identity may lack
 * ListTables), so a missing table surfaces on first use as "run `proxy setup-tables`".
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const now = options.now ?? (() => new Date());
  const { location } = options;
  const description = describeLocation(location);
  switch (location.kind) {
    case 'embedded':
      return openEmbeddedStore({ ...options, dataDir: location.dataDir, now });
    case 'endpoint': {
      const client = createDynamoDbClient(location);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
      } catch (error) {
        client.destroy();
        throw toStoreUnavailable(error, { description, table: options.tables.apiKeys }) ?? error;
      }
      return createStore({ ...options, client, description, now });
    }
    case 'aws':
      return createStore({ ...options, client: createDynamoDbClient(location), description, now });
    default: {
      const unexpected: never = location;
      throw new Error(`unknown store location ${JSON.stringify(unexpected)}`);
    }
  }
}
