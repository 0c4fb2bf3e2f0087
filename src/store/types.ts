import type { GuardrailSettings } from '../bedrock/guardrail-settings.js';

/**
 * The one store of the proxy, over DynamoDB (AWS, DynamoDB Local, or the embedded engine). Every
 * command and the server use these interfaces; nothing else talks to DynamoDB.
 */

export interface TableNames {
  apiKeys: string;
  usage: string;
  cache: string;
  modelMappings: string;
  /** Shared-mode rate-limit counters: one item per key, kind and window. */
  rateLimits: string;
}

/** Per-key limits; enforced by the rate limiter. Absent means the proxy's defaults. */
export interface KeyLimits {
  /** Requests per minute. */
  rateLimit?: number;
  /** Input + output tokens per minute. */
  tokensPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
}

/** Per-key choices over the proxy's own settings. Absent means the proxy's setting. */
export interface KeyOptions {
  /** `false`: this key's requests never read or fill the response cache (RESPONSE_CACHE). */
  responseCache?: boolean;
  /** A Bedrock guardrail for this key's requests, instead of GUARDRAIL_ID / GUARDRAIL_VERSION. */
  guardrail?: GuardrailSettings;
}

/** An API key as stored: never the secret, only its SHA-256. */
export interface ApiKeyRecord extends KeyLimits, KeyOptions {
  /** SHA-256 (hex) of the secret: the table's key. */
  keyHash: string;
  /** Short public id, e.g. `key_7Hc2a9Qw3LmZ`. */
  id: string;
  /** The first characters of the secret, for recognising it (`sk-proxy-AbC…`). */
  prefix: string;
  userId: string;
  name: string;
  isActive: boolean;
  /** ISO 8601. */
  createdAt: string;
  lastUsedAt?: string;
  metadata?: Record<string, string>;
}

export interface NewApiKey extends KeyLimits, KeyOptions {
  name: string;
  userId: string;
  metadata?: Record<string, string>;
}

/** What `create` and `rotate` return: the only time the secret exists outside the client. */
export interface IssuedApiKey {
  key: string;
  record: ApiKeyRecord;
}

export interface ApiKeyStore {
  create(input: NewApiKey): Promise<IssuedApiKey>;
  /** The key whose secret hashes to `keyHash`, active or not. */
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  findById(id: string): Promise<ApiKeyRecord | undefined>;
  /** All keys, or one user's keys, newest first. */
  list(filter?: { userId?: string }): Promise<ApiKeyRecord[]>;
  /** Returns the updated key, or undefined when there is no such id. */
  setActive(id: string, isActive: boolean): Promise<ApiKeyRecord | undefined>;
  /** `null` removes a limit; absent leaves it as it is. */
  setLimits(id: string, limits: { [Limit in keyof KeyLimits]?: number | null }): Promise<ApiKeyRecord | undefined>;
  /** `null` returns an option to the proxy's setting; absent leaves it as it is. */
  setOptions(id: string, options: { [Option in keyof KeyOptions]?: KeyOptions[Option] | null }): Promise<ApiKeyRecord | undefined>;
  /** A new secret for the same id, user, name, limits and options; the old secret stops working. */
  rotate(id: string): Promise<IssuedApiKey | undefined>;
  /** Returns whether a key was deleted. */
  delete(id: string): Promise<boolean>;
  /** Best effort; callers do not wait for it on the request path. */
  touch(keyHash: string, at: Date): Promise<void>;
}

export type BedrockApi = 'converse' | 'invoke';

/** One record per API request, whatever its outcome. */
export interface UsageRecord {
  /** The API key's public id; `master` for the master key, `anonymous` with auth off, `unauthenticated` for refused keys. */
  keyId: string;
  /** ISO 8601 time the request arrived. With the request id, unique: the table's sort key is `${timestamp}#${requestId}`. */
  timestamp: string;
  requestId: string;
  /** The model id the client asked for. */
  model?: string;
  bedrockModelId?: string;
  api?: BedrockApi;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** True when the tokens are estimates (a stream the client left before Bedrock reported usage). */
  tokensEstimated: boolean;
  latencyMs: number;
  /** Streams: time from arrival to the first content delta sent. */
  timeToFirstTokenMs?: number;
  /** HTTP status sent; 499 when the client went away first. */
  status: number;
  /** Anthropic error type, or `client_closed`. */
  errorType?: string;
  success: boolean;
  stream: boolean;
  /** Answered from the response cache: no Bedrock call, no Bedrock tokens. */
  cacheHit?: boolean;
  userAgent?: string;
  claudeCodeSessionId?: string;
}

export interface UsageQuery {
  keyId: string;
  /** ISO 8601, inclusive. */
  since?: string;
  /** ISO 8601, exclusive. */
  until?: string;
  limit?: number;
}

export interface UsageStore {
  /** Writes up to any number of records (batched 25 at a time, unprocessed items retried). */
  writeBatch(records: ReadonlyArray<UsageRecord>): Promise<void>;
  /** One key's records in a time range, oldest first; expired records are left out. */
  query(query: UsageQuery): Promise<UsageRecord[]>;
  findByRequestId(requestId: string): Promise<UsageRecord | undefined>;
}

export interface ModelMapping {
  anthropicModelId: string;
  bedrockModelId: string;
  api: BedrockApi | 'auto';
  displayName?: string;
  /** ISO 8601. */
  updatedAt: string;
}

export interface ModelMappingStore {
  list(): Promise<ModelMapping[]>;
  get(anthropicModelId: string): Promise<ModelMapping | undefined>;
  put(mapping: Omit<ModelMapping, 'updatedAt'>): Promise<ModelMapping>;
  /** Returns whether a mapping was deleted. */
  delete(anthropicModelId: string): Promise<boolean>;
}

export interface CachedResponse {
  cacheKey: string;
  /** The response as sent (JSON text). */
  response: string;
  createdAt: string;
  /** Epoch seconds after which the entry is ignored. */
  expiresAt: number;
}

export interface ResponseCacheStore {
  get(cacheKey: string): Promise<CachedResponse | undefined>;
  put(entry: CachedResponse): Promise<void>;
}

export interface Store {
  tables: TableNames;
  apiKeys: ApiKeyStore;
  usage: UsageStore;
  modelMappings: ModelMappingStore;
  responseCache: ResponseCacheStore;
  /** Where the data lives, for messages: `embedded (<dir>)`, `DynamoDB at <url>`, `AWS DynamoDB <region>`. */
  description: string;
  close(): Promise<void>;
}
