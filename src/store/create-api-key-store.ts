import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { fromApiKeyItem, limitChanges, limitNames, optionChanges, toApiKeyItem, type ItemChanges } from './api-key-items.js';
import { issueSecret, newKeyId } from './api-key-secret.js';
import { callStore } from './call-store.js';
import { hasErrorName, isUnknownOperation } from './dynamodb-errors.js';
import { collectPages, type TableContext } from './table-context.js';
import { updateExpression } from './update-expression.js';
import type { ApiKeyRecord, ApiKeyStore, IssuedApiKey, KeyLimits, KeyOptions } from './types.js';

const keyExists = 'attribute_exists(key_hash)';
const keyIsNew = 'attribute_not_exists(key_hash)';

/** API keys by the SHA-256 of their secret; commands address them by public id through `key_id-index`. */
export function createApiKeyStore(context: TableContext): ApiKeyStore {
  const { documentClient: client, table } = context;
  const call = <T>(operation: () => Promise<T>) => callStore(context, operation);

  const findById = async (id: string): Promise<ApiKeyRecord | undefined> => {
    const result = await call(() =>
      client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'key_id-index',
          KeyConditionExpression: 'key_id = :id',
          ExpressionAttributeValues: { ':id': id },
        }),
      ),
    );
    const item = result.Items?.[0];
    return item === undefined ? undefined : fromApiKeyItem(item);
  };

  /** SET and REMOVE on an existing key; undefined when the key is gone. */
  const update = async (keyHash: string, changes: ItemChanges): Promise<ApiKeyRecord | undefined> => {
    try {
      const result = await call(() =>
        client.send(
          new UpdateCommand({
            TableName: table,
            Key: { key_hash: keyHash },
            ...updateExpression(changes),
            ConditionExpression: keyExists,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return result.Attributes === undefined ? undefined : fromApiKeyItem(result.Attributes);
    } catch (error) {
      if (hasErrorName(error, 'ConditionalCheckFailedException')) return undefined;
      throw error;
    }
  };

  /** The key by id with `changes` applied in one UpdateItem; unchanged when there is nothing to change. */
  const change = async (id: string, changes: ItemChanges): Promise<ApiKeyRecord | undefined> => {
    const current = await findById(id);
    if (current === undefined) return undefined;
    if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) return current;
    return update(current.keyHash, changes);
  };

  const replaceSecret = async (current: ApiKeyRecord, next: ApiKeyRecord): Promise<void> => {
    const put = { TableName: table, Item: toApiKeyItem(next), ConditionExpression: keyIsNew };
    const remove = { TableName: table, Key: { key_hash: current.keyHash }, ConditionExpression: keyExists };
    try {
      await call(() => client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, { Delete: remove }] })));
    } catch (error) {
      if (!isUnknownOperation(error)) throw error;
      // dynalite has no transactions: for the moment between these two writes both secrets work,
      // which is the safe side (never a moment with neither).
      await call(() => client.send(new PutCommand(put)));
      await call(() => client.send(new DeleteCommand(remove)));
    }
  };

  return {
    async create(input): Promise<IssuedApiKey> {
      const secret = issueSecret();
      const record: ApiKeyRecord = {
        keyHash: secret.keyHash,
        id: newKeyId(),
        prefix: secret.prefix,
        userId: input.userId,
        name: input.name,
        isActive: true,
        createdAt: context.now().toISOString(),
        ...pickLimits(input),
        ...pickOptions(input),
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
      };
      await call(() => client.send(new PutCommand({ TableName: table, Item: toApiKeyItem(record), ConditionExpression: keyIsNew })));
      return { key: secret.key, record };
    },

    async findByHash(keyHash) {
      const result = await call(() =>
        client.send(new GetCommand({ TableName: table, Key: { key_hash: keyHash }, ConsistentRead: true })),
      );
      return result.Item === undefined ? undefined : fromApiKeyItem(result.Item);
    },

    findById,

    async list(filter) {
      const userId = filter?.userId;
      const items = await call(() =>
        collectPages((startKey) =>
          client.send(
            userId === undefined
              ? new ScanCommand({ TableName: table, ExclusiveStartKey: startKey })
              : new QueryCommand({
                  TableName: table,
                  IndexName: 'user_id-index',
                  KeyConditionExpression: 'user_id = :user',
                  ExpressionAttributeValues: { ':user': userId },
                  ScanIndexForward: false,
                  ExclusiveStartKey: startKey,
                }),
          ),
        ),
      );
      return items.map(fromApiKeyItem).sort(newestFirst);
    },

    setActive: (id, isActive) => change(id, { set: { is_active: isActive }, remove: [] }),

    setLimits: (id, limits) => change(id, limitChanges(limits)),

    setOptions: (id, options) => change(id, optionChanges(options)),

    async rotate(id) {
      const current = await findById(id);
      if (current === undefined) return undefined;
      const secret = issueSecret();
      const next: ApiKeyRecord = { ...current, keyHash: secret.keyHash, prefix: secret.prefix };
      await replaceSecret(current, next);
      return { key: secret.key, record: next };
    },

    async delete(id) {
      const current = await findById(id);
      if (current === undefined) return false;
      try {
        await call(() =>
          client.send(new DeleteCommand({ TableName: table, Key: { key_hash: current.keyHash }, ConditionExpression: keyExists })),
        );
        return true;
      } catch (error) {
        if (hasErrorName(error, 'ConditionalCheckFailedException')) return false;
        throw error;
      }
    },

    async touch(keyHash, at) {
      await update(keyHash, { set: { last_used_at: at.toISOString() }, remove: [] });
    },
  };
}

function pickLimits(limits: KeyLimits): KeyLimits {
  const picked: KeyLimits = {};
  for (const limit of limitNames) {
    const value = limits[limit];
    if (value !== undefined) picked[limit] = value;
  }
  return picked;
}

function pickOptions(options: KeyOptions): KeyOptions {
  return {
    ...(options.responseCache === undefined ? {} : { responseCache: options.responseCache }),
    ...(options.guardrail === undefined ? {} : { guardrail: options.guardrail }),
  };
}

function newestFirst(left: ApiKeyRecord, right: ApiKeyRecord): number {
  if (left.createdAt !== right.createdAt) return left.createdAt < right.createdAt ? 1 : -1;
  return left.id < right.id ? 1 : left.id > right.id ? -1 : 0;
}
