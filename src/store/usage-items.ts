import { optionalNumber, optionalString, requiredBoolean, requiredNumber, requiredString, type Item } from './item-fields.js';
import type { BedrockApi, UsageRecord } from './types.js';

/** The usage table's sort key: the arrival time, made unique per request by the request id. */
export function usageSortKey(record: Pick<UsageRecord, 'timestamp' | 'requestId'>): string {
  return `${record.timestamp}#${record.requestId}`;
}

export function toUsageItem(record: UsageRecord, expiresAt: number | undefined): Item {
  return {
    key_id: record.keyId,
    timestamp: usageSortKey(record),
    request_id: record.requestId,
    model: record.model,
    bedrock_model_id: record.bedrockModelId,
    api: record.api,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    cache_read_input_tokens: record.cacheReadInputTokens,
    cache_write_input_tokens: record.cacheWriteInputTokens,
    tokens_estimated: record.tokensEstimated,
    latency_ms: record.latencyMs,
    time_to_first_token_ms: record.timeToFirstTokenMs,
    status: record.status,
    error_type: record.errorType,
    success: record.success,
    stream: record.stream,
    user_agent: record.userAgent,
    claude_code_session_id: record.claudeCodeSessionId,
    expires_at: expiresAt,
  };
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
  const userAgent = optionalString(item, 'user_agent');
  if (userAgent !== undefined) record.userAgent = userAgent;
  const sessionId = optionalString(item, 'claude_code_session_id');
  if (sessionId !== undefined) record.claudeCodeSessionId = sessionId;
  return record;
}

function isBedrockApi(value: string | undefined): value is BedrockApi {
  return value === 'converse' || value === 'invoke';
}
