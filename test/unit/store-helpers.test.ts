import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashApiKey, issueSecret, newKeyId, randomBase62 } from '../../src/store/api-key-secret.js';
import { toStoreUnavailable } from '../../src/store/call-store.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable-error.js';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { fromUsageItem, toUsageAttributes } from '../../src/store/usage-items.js';
import type { UsageRecord } from '../../src/store/types.js';

describe('api key secrets', () => {
  it('issues sk-proxy- secrets of 43 base62 characters, with their hash and a 16-character prefix', () => {
    const issued = issueSecret();
    expect(issued.key).toMatch(/^sk-proxy-[0-9A-Za-z]{43}$/);
    expect(issued.keyHash).toBe(createHash('sha256').update(issued.key).digest('hex'));
    expect(issued.prefix).toBe(issued.key.slice(0, 16));
    expect(issueSecret().key).not.toBe(issued.key);
  });

  it('makes public ids of key_ and 12 base62 characters', () => {
    expect(newKeyId()).toMatch(/^key_[0-9A-Za-z]{12}$/);
  });

  it('uses every base62 character and nothing else', () => {
    const text = randomBase62(5000);
    expect(text).toHaveLength(5000);
    expect(new Set(text).size).toBe(62);
    expect(text).toMatch(/^[0-9A-Za-z]+$/);
  });

  it('hashes as SHA-256 hex', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('toStoreUnavailable', () => {
  const where = { description: 'DynamoDB at http://127.0.0.1:8000', table: 'p-usage' };
  const named = (name: string) => Object.assign(new Error('x'), { name });
  const coded = (code: string) => Object.assign(new Error('connect failed'), { code });

  it.each([
    [named('ResourceNotFoundException'), 'table p-usage does not exist in DynamoDB at http://127.0.0.1:8000; run `proxy setup-tables`'],
    [coded('ECONNREFUSED'), 'DynamoDB at http://127.0.0.1:8000 is unreachable (ECONNREFUSED)'],
    [new Error('wrapped', { cause: coded('ENOTFOUND') }), 'DynamoDB at http://127.0.0.1:8000 is unreachable (ENOTFOUND)'],
  ])('%s → %s', (error, message) => {
    const mapped = toStoreUnavailable(error, where);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped?.message).toBe(message);
    expect(mapped?.cause).toBe(error);
  });

  it.each([[named('ConditionalCheckFailedException')], [named('ValidationException')], ['text']])('leaves %s alone', (error) => {
    expect(toStoreUnavailable(error, where)).toBeUndefined();
  });
});

describe('usage items', () => {
  const minimal: UsageRecord = {
    keyId: 'key_a',
    timestamp: '2030-01-01T00:00:00.000Z',
    requestId: 'req_1',
    inputTokens: 1,
    outputTokens: 2,
    cacheReadInputTokens: 3,
    cacheWriteInputTokens: 4,
    tokensEstimated: false,
    latencyMs: 5,
    status: 200,
    success: true,
    stream: false,
  };

  it('uses snake_case attributes in DynamoDB\'s form, a unique sort key and the expiry', () => {
    expect(toUsageAttributes(minimal, 1_900_000_000)).toEqual({
      key_id: { S: 'key_a' },
      timestamp: { S: '2030-01-01T00:00:00.000Z#req_1' },
      request_id: { S: 'req_1' },
      input_tokens: { N: '1' },
      output_tokens: { N: '2' },
      cache_read_input_tokens: { N: '3' },
      cache_write_input_tokens: { N: '4' },
      tokens_estimated: { BOOL: false },
      latency_ms: { N: '5' },
      status: { N: '200' },
      success: { BOOL: true },
      stream: { BOOL: false },
      expires_at: { N: '1900000000' },
    });
  });

  it('reads back what it wrote, as the generic marshaller would have written it', () => {
    const full: UsageRecord = { ...minimal, model: 'm', bedrockModelId: 'b', api: 'invoke', timeToFirstTokenMs: 9, errorType: 'api_error', userAgent: 'ua', claudeCodeSessionId: 's' };
    for (const [record, expiresAt] of [[full, undefined], [minimal, 1]] as const) {
      const attributes = toUsageAttributes(record, expiresAt);
      expect(fromUsageItem(unmarshall(attributes))).toEqual(record);
      expect(marshall(unmarshall(attributes))).toEqual(attributes);
    }
  });
});
