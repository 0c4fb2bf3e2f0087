import { DeleteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { callStore } from './call-store.js';
import { optionalString, requiredString, type Item } from './item-fields.js';
import { collectPages, type TableContext } from './table-context.js';
import type { ModelMapping, ModelMappingStore } from './types.js';

export function createModelMappingStore(context: TableContext): ModelMappingStore {
  const { documentClient: client, table } = context;
  const call = <T>(operation: () => Promise<T>) => callStore(context, operation);
  return {
    async list() {
      const items = await call(() =>
        collectPages((startKey) => client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }))),
      );
      return items
        .map(fromMappingItem)
        .sort((left, right) => (left.anthropicModelId < right.anthropicModelId ? -1 : left.anthropicModelId > right.anthropicModelId ? 1 : 0));
    },

    async get(anthropicModelId) {
      const result = await call(() =>
        client.send(new GetCommand({ TableName: table, Key: { anthropic_model_id: anthropicModelId } })),
      );
      return result.Item === undefined ? undefined : fromMappingItem(result.Item);
    },

    async put(input) {
      const mapping: ModelMapping = {
        anthropicModelId: input.anthropicModelId,
        bedrockModelId: input.bedrockModelId,
        api: input.api,
        ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
        updatedAt: context.now().toISOString(),
      };
      await call(() => client.send(new PutCommand({ TableName: table, Item: toMappingItem(mapping) })));
      return mapping;
    },

    async delete(anthropicModelId) {
      const result = await call(() =>
        client.send(
          new DeleteCommand({ TableName: table, Key: { anthropic_model_id: anthropicModelId }, ReturnValues: 'ALL_OLD' }),
        ),
      );
      return result.Attributes !== undefined;
    },
  };
}

function toMappingItem(mapping: ModelMapping): Item {
  return {
    anthropic_model_id: mapping.anthropicModelId,
    bedrock_model_id: mapping.bedrockModelId,
    api: mapping.api,
    display_name: mapping.displayName,
    updated_at: mapping.updatedAt,
  };
}

function fromMappingItem(item: Item): ModelMapping {
  const api = requiredString(item, 'api');
  if (api !== 'converse' && api !== 'invoke' && api !== 'auto') {
    throw new Error(`stored model mapping has an unknown api: ${api}`);
  }
  const displayName = optionalString(item, 'display_name');
  return {
    anthropicModelId: requiredString(item, 'anthropic_model_id'),
    bedrockModelId: requiredString(item, 'bedrock_model_id'),
    api,
    ...(displayName === undefined ? {} : { displayName }),
    updatedAt: requiredString(item, 'updated_at'),
  };
}
