import { describe, expect, it } from 'vitest';
import { tableDefinitions } from '../../src/store/table-definitions.js';
import { resolveTableNames } from '../../src/store/table-names.js';

describe('resolveTableNames', () => {
  it.each([
    [{ prefix: 'anthropic-proxy-' }, ['anthropic-proxy-api-keys', 'anthropic-proxy-usage', 'anthropic-proxy-cache', 'anthropic-proxy-model-mappings', 'anthropic-proxy-rate-limits']],
    [{ prefix: 'dev-', usage: 'usage-records' }, ['dev-api-keys', 'usage-records', 'dev-cache', 'dev-model-mappings', 'dev-rate-limits']],
    [{ prefix: '', apiKeys: 'k', cache: 'c', modelMappings: 'm', rateLimits: 'r' }, ['k', 'usage', 'c', 'm', 'r']],
  ])('%j → %j', (options, names) => {
    const tables = resolveTableNames(options);
    expect([tables.apiKeys, tables.usage, tables.cache, tables.modelMappings, tables.rateLimits]).toEqual(names);
  });
});

describe('tableDefinitions', () => {
  const definitions = tableDefinitions(resolveTableNames({ prefix: 'p-' }));
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));

  it('defines five on-demand tables, with TTL on usage, cache and rate limits', () => {
    expect(definitions.map((definition) => [definition.name, definition.create.BillingMode, definition.ttlAttribute])).toEqual([
      ['p-api-keys', 'PAY_PER_REQUEST', undefined],
      ['p-usage', 'PAY_PER_REQUEST', 'expires_at'],
      ['p-cache', 'PAY_PER_REQUEST', 'expires_at'],
      ['p-model-mappings', 'PAY_PER_REQUEST', undefined],
      ['p-rate-limits', 'PAY_PER_REQUEST', 'expires_at'],
    ]);
  });

  it.each([
    ['p-api-keys', 'key_hash', undefined, { 'user_id-index': ['user_id', 'created_at'], 'key_id-index': ['key_id'] }],
    ['p-usage', 'key_id', 'timestamp', { 'request_id-index': ['request_id'] }],
    ['p-cache', 'cache_key', undefined, {}],
    ['p-model-mappings', 'anthropic_model_id', undefined, {}],
    ['p-rate-limits', 'limit_key', undefined, {}],
  ])('%s: key (%s, %s) and indexes %j projecting everything', (name, partition, sort, indexes) => {
    const create = byName.get(name)?.create;
    expect(create?.KeySchema).toEqual([
      { AttributeName: partition, KeyType: 'HASH' },
      ...(sort === undefined ? [] : [{ AttributeName: sort, KeyType: 'RANGE' }]),
    ]);
    const declared = Object.fromEntries(
      (create?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index.KeySchema?.map((element) => element.AttributeName)]),
    );
    expect(declared).toEqual(indexes);
    expect((create?.GlobalSecondaryIndexes ?? []).every((index) => index.Projection?.ProjectionType === 'ALL')).toBe(true);
    const keyAttributes = new Set([partition, ...(sort === undefined ? [] : [sort]), ...Object.values(indexes).flat()]);
    const definedAttributes = (create?.AttributeDefinitions ?? []).map((attribute) => `${attribute.AttributeName}:${attribute.AttributeType}`);
    expect(definedAttributes.sort()).toEqual([...keyAttributes].map((attribute) => `${attribute}:S`).sort());
  });
});
