import { GetItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { hasErrorName } from '../store/dynamodb-errors.js';

/** One counter item of the rate-limits table: `limit_key = <keyId>#<kind>#<window start, epoch seconds>`. */
export interface CounterItem {
  limitKey: string;
  /** Epoch seconds: the window's end plus one window, when the item is no longer read as "previous". */
  expiresAt: number;
}

export interface WindowCounterStore {
  /** Adds `amount` when the counter is absent or at most `max`: the new count, or when it was over, the count if DynamoDB said it. */
  addIfAtMost(item: CounterItem, amount: number, max: number): Promise<{ granted: true; count: number } | { granted: false; count: number | undefined }>;
  /** Adds unconditionally; the new count. */
  add(item: CounterItem, amount: number): Promise<number>;
  /** The counter's value, 0 when there is none yet (strongly consistent). */
  read(limitKey: string): Promise<number>;
}

const names = { '#count': 'count', '#expires_at': 'expires_at' };
const update = 'ADD #count :amount SET #expires_at = :expires_at';

/** The three DynamoDB operations the shared limiter needs, one call each, on the low-level client. */
export function createWindowCounterStore(options: { client: DynamoDBClient; table: string }): WindowCounterStore {
  const { client, table } = options;
  const values = (item: CounterItem, amount: number): Record<string, AttributeValue> => ({
    ':amount': { N: String(amount) },
    ':expires_at': { N: String(item.expiresAt) },
  });
  const newCount = (attributes: Record<string, AttributeValue> | undefined) => Number(attributes?.['count']?.N ?? '0');

  return {
    async addIfAtMost(item, amount, max) {
      try {
        const result = await client.send(
          new UpdateItemCommand({
            TableName: table,
            Key: { limit_key: { S: item.limitKey } },
            UpdateExpression: update,
            ConditionExpression: 'attribute_not_exists(#count) OR #count <= :max',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values(item, amount), ':max': { N: String(max) } },
            ReturnValues: 'UPDATED_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { granted: true, count: newCount(result.Attributes) };
      } catch (error) {
        if (!hasErrorName(error, 'ConditionalCheckFailedException')) throw error;
        // Engines that do not implement ALL_OLD on failure (dynalite) leave only the lower bound the condition gives.
        const item: unknown = Reflect.get(error as object, 'Item');
        const reported = isAttributeMap(item) && item['count']?.N !== undefined ? Number(item['count'].N) : undefined;
        return { granted: false, count: reported };
      }
    },
    async add(item, amount) {
      const result = await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { limit_key: { S: item.limitKey } },
          UpdateExpression: update,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values(item, amount),
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return newCount(result.Attributes);
    },
    async read(limitKey) {
      const result = await client.send(
        new GetItemCommand({ TableName: table, Key: { limit_key: { S: limitKey } }, ConsistentRead: true, ProjectionExpression: '#count', ExpressionAttributeNames: { '#count': 'count' } }),
      );
      return newCount(result.Item);
    },
  };
}

function isAttributeMap(value: unknown): value is Record<string, AttributeValue> {
  return typeof value === 'object' && value !== null;
}
