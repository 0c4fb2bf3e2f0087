import {
  optionalNumber,
  optionalString,
  optionalStringMap,
  requiredBoolean,
  requiredString,
  type Item,
} from './item-fields.js';
import type { ApiKeyRecord, KeyLimits } from './types.js';

/** Record field → DynamoDB attribute for each limit. */
export const limitAttributes = {
  rateLimit: 'rate_limit',
  tokensPerMinute: 'tokens_per_minute',
  inputTokensPerMinute: 'input_tokens_per_minute',
  outputTokensPerMinute: 'output_tokens_per_minute',
} as const satisfies Record<keyof KeyLimits, string>;

export const limitNames = Object.keys(limitAttributes) as Array<keyof KeyLimits>;

export function toApiKeyItem(record: ApiKeyRecord): Item {
  return {
    key_hash: record.keyHash,
    key_id: record.id,
    key_prefix: record.prefix,
    user_id: record.userId,
    name: record.name,
    is_active: record.isActive,
    rate_limit: record.rateLimit,
    tokens_per_minute: record.tokensPerMinute,
    input_tokens_per_minute: record.inputTokensPerMinute,
    output_tokens_per_minute: record.outputTokensPerMinute,
    created_at: record.createdAt,
    last_used_at: record.lastUsedAt,
    metadata: record.metadata,
  };
}

export function fromApiKeyItem(item: Item): ApiKeyRecord {
  const record: ApiKeyRecord = {
    keyHash: requiredString(item, 'key_hash'),
    id: requiredString(item, 'key_id'),
    prefix: requiredString(item, 'key_prefix'),
    userId: requiredString(item, 'user_id'),
    name: requiredString(item, 'name'),
    isActive: requiredBoolean(item, 'is_active'),
    createdAt: requiredString(item, 'created_at'),
  };
  for (const limit of limitNames) {
    const value = optionalNumber(item, limitAttributes[limit]);
    if (value !== undefined) record[limit] = value;
  }
  const lastUsedAt = optionalString(item, 'last_used_at');
  if (lastUsedAt !== undefined) record.lastUsedAt = lastUsedAt;
  const metadata = optionalStringMap(item, 'metadata');
  if (metadata !== undefined) record.metadata = metadata;
  return record;
}
