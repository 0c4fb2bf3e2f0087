import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { optionalNumber, optionalString, requiredBoolean, requiredNumber, requiredString, type Item } from './item-fields.js';
import type { BedrockApi, UsageRecord } from './types.js';

/** The usage table's sort key: the arrival time, made unique per request by the request id. */
export function usageSortKey(record: Pick<UsageRecord, 'timestamp' | 'requestId'>): string {
  return `${record.timestamp}#${record.requestId}`;
}

/**
 * A usage record as a DynamoDB item, in the attribute-value form. Usage is written once per request, and
 * marshalling it here directly costs a fraction of the generic document marshaller (about 50 µs
 * less per record, measured against the embedded engine).
 */
export function toUsageAttributes(record: UsageRecord, expiresAt: number | undefined): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    key_id: { S: record.keyId },
    timestamp: { S: usageSortKey(record) },
    request_id: { S: record.requestId },
    input_tokens: { N: String(record.inputTokens) },
    output_tokens: { N: String(record.outputTokens) },
    cache_read_input_tokens: { N: String(record.cacheReadInputTokens) },
    cache_write_input_tokens: { N: String(record.cacheWriteInputTokens) },
    tokens_estimated: { BOOL: record.tokensEstimated },
    latency_ms: { N: String(record.latencyMs) },
    status: { N: String(record.status) },
    success: { BOOL: record.success },
    stream: { BOOL: record.stream },
  };
  if (record.model !== undefined) attributes.model = { S: record.model };
  if (record.bedrockModelId !== undefined) attributes.bedrock_model_id = { S: record.bedrockModelId };
  if (record.api !== undefined) attributes.api = { S: record.api };
  if (record.timeToFirstTokenMs !== undefined) attributes.time_to_first_token_ms = { N: String(record.timeToFirstTokenMs) };
  if (record.errorType !== undefined) attributes.error_type = { S: record.errorType };
  if (record.cacheHit === true) attributes.cache_hit = { BOOL: true };
  if (record.userAgent !== undefined) attributes.user_agent = { S: record.userAgent };
  if (record.claudeCodeSessionId !== undefined) attributes.claude_code_session_id = { S: record.claudeCodeSessionId };
  if (expiresAt !== undefined) attributes.expires_at = { N: String(expiresAt) };
  return attributes;
}

export function fromUsageItem(item: Item): UsageRecord {
  const sortKey = requiredString(item, 'timestamp');
  const separator = sortKey.indexOf('#');
  const record: UsageRecord = {
    keyId: requiredString(item, 'key_id'),
    timestamp: separator === -1 ? sortKey : sortKey.slice(0, separator),
    requestId: requiredString(item, 'request_id'),
    inputTokens: requiredNumber(item, 'input_tokens'),
    outputTokens: requiredNumber(item, 'output_tokens'),
    cacheReadInputTokens: requiredNumber(item, 'cache_read_input_tokens'),
    cacheWriteInputTokens: requiredNumber(item, 'cache_write_input_tokens'),
    tokensEstimated: requiredBoolean(item, 'tokens_estimated'),
    latencyMs: requiredNumber(item, 'latency_ms'),
    status: requiredNumber(item, 'status'),
    success: requiredBoolean(item, 'success'),
    stream: requiredBoolean(item, 'stream'),
  };
  const model = optionalString(item, 'model');
  if (model !== undefined) record.model = model;
  const bedrockModelId = optionalString(item, 'bedrock_model_id');
  if (bedrockModelId !== undefined) record.bedrockModelId = bedrockModelId;
  const api = optionalString(item, 'api');
  if (isBedrockApi(api)) record.api = api;
  const timeToFirstTokenMs = optionalNumber(item, 'time_to_first_token_ms');
  if (timeToFirstTokenMs !== undefined) record.timeToFirstTokenMs = timeToFirstTokenMs;
  const errorType = optionalString(item, 'error_type');
  if (errorType !== undefined) record.errorType = errorType;
  if (item['cache_hit'] === true) record.cacheHit = true;
  const userAgent = optionalString(item, 'user_agent');
  if (userAgent !== undefined) record.userAgent = userAgent;
  const sessionId = optionalString(item, 'claude_code_session_id');
  if (sessionId !== undefined) record.claudeCodeSessionId = sessionId;
  return record;
}

function isBedrockApi(value: string | undefined): value is BedrockApi {
  return value === 'converse' || value === 'invoke';
}
