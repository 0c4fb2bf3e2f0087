import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as delay } from 'node:timers/promises';
import { callStore } from './call-store.js';
import { epochSeconds, type Item } from './item-fields.js';
import { collectPages, type TableContext } from './table-context.js';
import type { UsageQuery, UsageRecord, UsageStore } from './types.js';
import { fromUsageItem, toUsageAttributes, usageSortKey } from './usage-items.js';
import { writeUsageBatches } from './write-usage-batches.js';

export interface UsageStoreOptions extends TableContext {
  /** The low-level client: usage items are written in DynamoDB's attribute-value form directly. */
  client: DynamoDBClient;
  /** Records expire this many days after they are written; 0 keeps them forever. */
  ttlDays: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const notExpired = 'attribute_not_exists(expires_at) OR expires_at > :now';

export function createUsageStore(options: UsageStoreOptions): UsageStore {
  const { documentClient: client, table } = options;
  const lowLevelClient = options.client;
  const call = <T>(operation: () => Promise<T>) => callStore(options, operation);

  const writeBatch = async (batch: UsageRecord[], expiresAt: number | undefined): Promise<UsageRecord[]> => {
    const result = await call(() =>
      lowLevelClient.send(
        new BatchWriteItemCommand({
          RequestItems: { [table]: batch.map((record) => ({ PutRequest: { Item: toUsageAttributes(record, expiresAt) } })) },
        }),
      ),
    );
    const unprocessed = result.UnprocessedItems?.[table] ?? [];
    if (unprocessed.length === 0) return [];
    const bySortKey = new Map(batch.map((record) => [itemIdentity(record.keyId, usageSortKey(record)), record]));
    return unprocessed.flatMap((request) => {
      const item = request.PutRequest?.Item ?? {};
      const record = bySortKey.get(itemIdentity(item['key_id']?.S, item['timestamp']?.S));
      return record === undefined ? [] : [record];
    });
  };

  return {
    async writeBatch(records) {
      const now = options.now();
      const expiresAt = options.ttlDays > 0 ? epochSeconds(now) + Math.round(options.ttlDays * 86_400) : undefined;
      await writeUsageBatches({
        records,
        writeBatch: (batch) => writeBatch(batch, expiresAt),
        sleep: options.sleep ?? ((ms) => delay(ms)),
        random: options.random ?? Math.random,
      });
    },

    async query(query: UsageQuery) {
      const range = sortKeyRange(query);
      if (range === undefined) return [];
      const items = await call(() =>
        collectPages(
          (startKey) =>
            client.send(
              new QueryCommand({
                TableName: table,
                KeyConditionExpression: `key_id = :key${range.condition}`,
                FilterExpression: notExpired,
                ExpressionAttributeNames: range.condition === '' ? undefined : { '#sort': 'timestamp' },
                ExpressionAttributeValues: { ':key': query.keyId, ':now': epochSeconds(options.now()), ...range.values },
                ScanIndexForward: true,
                ExclusiveStartKey: startKey,
              }),
            ),
          (collected) => query.limit !== undefined && collected.length >= query.limit,
        ),
      );
      const records = items.map(fromUsageItem);
      return query.limit === undefined ? records : records.slice(0, query.limit);
    },

    async findByRequestId(requestId) {
      const items = await call(() =>
        collectPages(
          (startKey) =>
            client.send(
              new QueryCommand({
                TableName: table,
                IndexName: 'request_id-index',
                KeyConditionExpression: 'request_id = :request',
                FilterExpression: notExpired,
                ExpressionAttributeValues: { ':request': requestId, ':now': epochSeconds(options.now()) },
                ExclusiveStartKey: startKey,
              }),
            ),
          (collected) => collected.length > 0,
        ),
      );
      const item = items[0];
      return item === undefined ? undefined : fromUsageItem(item);
    },
  };
}

/**
 * Sort keys are `${timestamp}#${requestId}`: every key of an instant sorts after the bare instant,
 * so `>= since` includes `since` and `< until` excludes `until`.
 */
function sortKeyRange(query: UsageQuery): { condition: string; values: Item } | undefined {
  const since = query.since === undefined ? undefined : toInstant('since', query.since);
  const until = query.until === undefined ? undefined : toInstant('until', query.until);
  if (since !== undefined && until !== undefined) {
    if (since >= until) return undefined;
    return { condition: ' AND #sort BETWEEN :since AND :until', values: { ':since': since, ':until': until } };
  }
  if (since !== undefined) return { condition: ' AND #sort >= :since', values: { ':since': since } };
  if (until !== undefined) return { condition: ' AND #sort < :until', values: { ':until': until } };
  return { condition: '', values: {} };
}

/** Sort keys compare as text, so bounds must have the exact form of stored timestamps. */
function toInstant(name: string, value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`usage query: ${name} is not a date: ${value}`);
  return time.toISOString();
}

function itemIdentity(keyId: unknown, sortKey: unknown): string {
  return `${String(keyId)}\u0000${String(sortKey)}`;
}
