import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { TableNames } from './types.js';

export interface TableDefinition {
  name: string;
  create: CreateTableCommandInput;
  /** Epoch-seconds attribute DynamoDB deletes items by; readers also ignore expired items themselves. */
  ttlAttribute?: string;
}

/** The five tables, on-demand billing, every index projecting all attributes. */
export function tableDefinitions(tables: TableNames): TableDefinition[] {
  return [
    {
      name: tables.apiKeys,
      create: table({
        name: tables.apiKeys,
        attributes: ['key_hash', 'key_id', 'user_id', 'created_at'],
        key: key('key_hash'),
        indexes: [index('user_id-index', key('user_id', 'created_at')), index('key_id-index', key('key_id'))],
      }),
    },
    {
      name: tables.usage,
      create: table({
        name: tables.usage,
        attributes: ['key_id', 'timestamp', 'request_id'],
        key: key('key_id', 'timestamp'),
        indexes: [index('request_id-index', key('request_id'))],
      }),
      ttlAttribute: 'expires_at',
    },
    {
      name: tables.cache,
      create: table({ name: tables.cache, attributes: ['cache_key'], key: key('cache_key'), indexes: [] }),
      ttlAttribute: 'expires_at',
    },
    {
      name: tables.modelMappings,
      create: table({
        name: tables.modelMappings,
        attributes: ['anthropic_model_id'],
        key: key('anthropic_model_id'),
        indexes: [],
      }),
    },
    {
      name: tables.rateLimits,
      create: table({ name: tables.rateLimits, attributes: ['limit_key'], key: key('limit_key'), indexes: [] }),
      ttlAttribute: 'expires_at',
    },
  ];
}

interface TableShape {
  name: string;
  /** Every key attribute of the table and its indexes; all are strings. */
  attributes: string[];
  key: KeySchemaElement[];
  indexes: GlobalSecondaryIndex[];
}

function table(shape: TableShape): CreateTableCommandInput {
  const attributeDefinitions: AttributeDefinition[] = shape.attributes.map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  return {
    TableName: shape.name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeDefinitions,
    KeySchema: shape.key,
    ...(shape.indexes.length > 0 ? { GlobalSecondaryIndexes: shape.indexes } : {}),
  };
}

function key(partition: string, sort?: string): KeySchemaElement[] {
  const partitionKey: KeySchemaElement = { AttributeName: partition, KeyType: 'HASH' };
  return sort === undefined ? [partitionKey] : [partitionKey, { AttributeName: sort, KeyType: 'RANGE' }];
}

function index(name: string, keySchema: KeySchemaElement[]): GlobalSecondaryIndex {
  return { IndexName: name, KeySchema: keySchema, Projection: { ProjectionType: 'ALL' } };
}
