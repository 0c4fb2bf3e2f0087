import { guardrailSettingsSchema, type GuardrailSettings } from '../bedrock/guardrail-settings.js';
import {
  optionalNumber,
  optionalString,
  optionalStringMap,
  requiredBoolean,
  requiredString,
  type Item,
} from './item-fields.js';
import type { ApiKeyRecord, ApiKeyStore, KeyLimits } from './types.js';

/** Record field → DynamoDB attribute for each limit. */
export const limitAttributes = {
  rateLimit: 'rate_limit',
  tokensPerMinute: 'tokens_per_minute',
  inputTokensPerMinute: 'input_tokens_per_minute',
  outputTokensPerMinute: 'output_tokens_per_minute',
} as const satisfies Record<keyof KeyLimits, string>;

export const limitNames = Object.keys(limitAttributes) as Array<keyof KeyLimits>;

/** What one UpdateItem on a key changes: attributes to SET and attributes to REMOVE. */
export interface ItemChanges {
  set: Item;
  remove: string[];
}

const guardrailAttributes = ['guardrail_id', 'guardrail_version', 'guardrail_trace'] as const;

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
    response_cache: record.responseCache,
    ...guardrailItem(record.guardrail),
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
  const responseCache = item['response_cache'];
  if (typeof responseCache === 'boolean') record.responseCache = responseCache;
  const guardrail = guardrailOf(item);
  if (guardrail !== undefined) record.guardrail = guardrail;
  const lastUsedAt = optionalString(item, 'last_used_at');
  if (lastUsedAt !== undefined) record.lastUsedAt = lastUsedAt;
  const metadata = optionalStringMap(item, 'metadata');
  if (metadata !== undefined) record.metadata = metadata;
  return record;
}

/** The UpdateItem changes for `setLimits`: `null` removes a limit, absent leaves it alone. */
export function limitChanges(limits: Parameters<ApiKeyStore['setLimits']>[1]): ItemChanges {
  const changes: ItemChanges = { set: {}, remove: [] };
  for (const limit of limitNames) {
    const value = limits[limit];
    if (value === null) changes.remove.push(limitAttributes[limit]);
    else if (value !== undefined) changes.set[limitAttributes[limit]] = value;
  }
  return changes;
}

/** The UpdateItem changes for `setOptions`: a new guardrail replaces the old one whole, trace included. */
export function optionChanges(options: Parameters<ApiKeyStore['setOptions']>[1]): ItemChanges {
  const changes: ItemChanges = { set: {}, remove: [] };
  if (options.responseCache === null) changes.remove.push('response_cache');
  else if (options.responseCache !== undefined) changes.set['response_cache'] = options.responseCache;
  if (options.guardrail === null) changes.remove.push(...guardrailAttributes);
  else if (options.guardrail !== undefined) {
    for (const [attribute, value] of Object.entries(guardrailItem(options.guardrail))) {
      if (value === undefined) changes.remove.push(attribute);
      else changes.set[attribute] = value;
    }
  }
  return changes;
}

function guardrailItem(guardrail: GuardrailSettings | undefined): Record<(typeof guardrailAttributes)[number], string | undefined> {
  return { guardrail_id: guardrail?.identifier, guardrail_version: guardrail?.version, guardrail_trace: guardrail?.trace };
}

/**
 * A hand-edited guardrail that Bedrock would refuse is left out rather than failing every read of
 * the key; a bad trace alone only loses the trace, so the guardrail itself still applies.
 */
function guardrailOf(item: Item): GuardrailSettings | undefined {
  const identifier = optionalString(item, 'guardrail_id');
  const version = optionalString(item, 'guardrail_version');
  if (identifier === undefined || version === undefined) return undefined;
  const guardrail = guardrailSettingsSchema.safeParse({ identifier, version });
  if (!guardrail.success) return undefined;
  const trace = guardrailSettingsSchema.shape.trace.safeParse(optionalString(item, 'guardrail_trace'));
  return trace.success && trace.data !== undefined ? { ...guardrail.data, trace: trace.data } : guardrail.data;
}
