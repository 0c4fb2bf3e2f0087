import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { callStore } from './call-store.js';
import { isExpired, requiredNumber, requiredString } from './item-fields.js';
import type { TableContext } from './table-context.js';
import type { ResponseCacheStore } from './types.js';

export function createResponseCacheStore(context: TableContext): ResponseCacheStore {
  const { documentClient: client, table } = context;
  const call = <T>(operation: () => Promise<T>) => callStore(context, operation);
  return {
    async get(cacheKey) {
      const result = await call(() => client.send(new GetCommand({ TableName: table, Key: { cache_key: cacheKey } })));
      const item = result.Item;
      if (item === undefined || isExpired(item, context.now())) return undefined;
      return {
        cacheKey: requiredString(item, 'cache_key'),
        response: requiredString(item, 'response'),
        createdAt: requiredString(item, 'created_at'),
        expiresAt: requiredNumber(item, 'expires_at'),
      };
    },

    async put(entry) {
      const item = { cache_key: entry.cacheKey, response: entry.response, created_at: entry.createdAt, expires_at: entry.expiresAt };
      await call(() => client.send(new PutCommand({ TableName: table, Item: item })));
    },
  };
}
