import { parseEnv } from 'node:util';
import path from 'node:path';
import type { GuardrailSettings, GuardrailTrace } from '../bedrock/guardrail-settings.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import { settings, type RawSettings, type SettingName } from './settings.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type GeoPrefixSetting = 'auto' | 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca' | 'us-gov' | 'global' | 'none';

export interface StoreConfig {
  /** `embedded` (the default), `endpoint` (DYNAMODB_ENDPOINT_URL), or `aws`. */
  readonly kind: 'embedded' | 'endpoint' | 'aws';
  readonly endpoint: string | undefined;
  readonly tablePrefix: string;
  readonly tables: { readonly apiKeys?: string; readonly usage?: string; readonly cache?: string; readonly modelMappings?: string; readonly rateLimits?: string };
  readonly usageTtlDays: number;
}

export interface RateLimitConfig {
  readonly enabled: boolean;
  readonly mode: 'local' | 'shared';
  /** Default request limit for keys without their own `rate_limit`: this many per window. */
  readonly requests: number;
  readonly windowSeconds: number;
  /** Default token limits for keys without their own; undefined means none. */
  readonly tokensPerMinute: number | undefined;
  readonly inputTokensPerMinute: number | undefined;
  readonly outputTokensPerMinute: number | undefined;
}

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly region: string;
  readonly profile: string | undefined;
  readonly bedrockEndpoint: string | undefined;
  readonly bedrockBearerToken: string | undefined;
  readonly mockBedrock: boolean;
  readonly masterApiKey: string | undefined;
  readonly requireApiKey: boolean;
  readonly logLevel: LogLevel;
  /** Longest silence from Bedrock within a stream (and before its first event). */
  readonly streamingTimeoutSeconds: number;
  /** Longest wait for a whole (non-streamed) answer. */
  readonly responseTimeoutSeconds: number;
  readonly connectTimeoutSeconds: number;
  readonly features: Readonly<FeatureFlags>;
  readonly claudeApi: 'converse' | 'invoke';
  readonly geoPrefix: GeoPrefixSetting;
  readonly maxRequestBytes: number;
  readonly dataDir: string;
  readonly store: StoreConfig;
  readonly apiKeyCacheSeconds: number;
  readonly modelMappingCacheSeconds: number;
  readonly rateLimit: RateLimitConfig;
  /** Further attempts at a Bedrock call that failed before answering (throttled, overloaded, unreachable). */
  readonly retryMax: number;
  readonly shutdownTimeoutSeconds: number;
  /** Time a client has to send its headers, and its whole request. */
  readonly headersTimeoutSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly maxStreamsPerKey: number | undefined;
  /** How long a validated key keeps working from memory while the key store cannot be reached. */
  readonly apiKeyOutageGraceSeconds: number;
  /** Fetch image and document `url` sources (public addresses only) instead of refusing them. */
  readonly allowUrlSources: boolean;
  /** While the store is down, how often the usage spool tries it again. */
  readonly usageRetryIntervalSeconds: number;
  /** Serve Prometheus metrics at GET /metrics. */
  readonly metricsEnabled: boolean;
  /** `auto`: readable lines when stderr is a terminal, JSON otherwise. */
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly responseCache: ResponseCacheConfig;
  /** The guardrail applied to every call (a key's own replaces it); absent for none. */
  readonly guardrail: GuardrailSettings | undefined;
}

export interface ResponseCacheConfig {
  readonly enabled: boolean;
  readonly ttlSeconds: number;
}

/** A setting with a value that is not allowed; its message is the one line printed at start-up. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadConfigInput {
  /** The process environment (only the settings' names are read, plus HOME and XDG_DATA_HOME). */
  env: Readonly<Record<string, string | undefined>>;
  /** Values given on the command line, by setting name; they win over everything else. */
  flags?: RawSettings;
  /** Text of a `.env` file; the environment wins over it. */
  dotenvText?: string;
  platform?: NodeJS.Platform;
}

export function loadConfig(input: LoadConfigInput): Config {
  const dotenv = input.dotenvText === undefined ? {} : parseEnv(input.dotenvText);
  const read = (name: SettingName): unknown => {
    const setting = settings[name];
    const fromFlag = input.flags?.[name];
    const raw = fromFlag ?? input.env[name] ?? dotenv[name] ?? ('defaultValue' in setting ? setting.defaultValue : undefined);
    if (raw === undefined || raw === '') return undefined;
    const result = setting.schema.safeParse(raw);
    if (result.success) return result.data;
    const source = fromFlag !== undefined && 'flag' in setting ? ` (${setting.flag.spec.split(' ')[0]})` : '';
    const shown = 'secret' in setting ? 'a value' : `"${raw}"`;
    throw new ConfigError(`Invalid configuration: ${name}${source} must be ${setting.allowed}; got ${shown}`);
  };
  const text = (name: SettingName) => read(name) as string | undefined;
  const flag = (name: SettingName) => read(name) as boolean;
  const number = (name: SettingName) => read(name) as number;

  return Object.freeze({
    host: text('HOST') as string,
    port: number('PORT'),
    region: text('AWS_REGION') as string,
    profile: text('AWS_PROFILE'),
    bedrockEndpoint: text('BEDROCK_ENDPOINT_URL'),
    bedrockBearerToken: text('AWS_BEARER_TOKEN_BEDROCK'),
    mockBedrock: flag('MOCK_BEDROCK'),
    masterApiKey: text('MASTER_API_KEY'),
    requireApiKey: flag('REQUIRE_API_KEY'),
    logLevel: text('LOG_LEVEL') as LogLevel,
    streamingTimeoutSeconds: number('STREAMING_TIMEOUT'),
    responseTimeoutSeconds: number('RESPONSE_TIMEOUT'),
    connectTimeoutSeconds: number('CONNECT_TIMEOUT'),
    features: Object.freeze({
      toolUse: flag('ENABLE_TOOL_USE'),
      extendedThinking: flag('ENABLE_EXTENDED_THINKING'),
      documents: flag('ENABLE_DOCUMENT_SUPPORT'),
      promptCaching: flag('PROMPT_CACHING_ENABLED'),
    }),
    claudeApi: text('CLAUDE_API') as 'converse' | 'invoke',
    geoPrefix: text('BEDROCK_GEO_PREFIX') as GeoPrefixSetting,
    maxRequestBytes: number('MAX_REQUEST_BYTES'),
    dataDir: text('DATA_DIR') ?? defaultDataDirectory(input.env, input.platform ?? process.platform),
    store: Object.freeze({
      kind: text('DYNAMODB_ENDPOINT_URL') !== undefined ? 'endpoint' : (text('STORE') as 'embedded' | 'aws'),
      endpoint: text('DYNAMODB_ENDPOINT_URL'),
      tablePrefix: text('TABLE_PREFIX') ?? '',
      tables: Object.freeze({
        apiKeys: text('API_KEYS_TABLE'),
        usage: text('USAGE_TABLE'),
        cache: text('CACHE_TABLE'),
        modelMappings: text('MODEL_MAPPING_TABLE'),
        rateLimits: text('RATE_LIMIT_TABLE'),
      }),
      usageTtlDays: number('USAGE_TTL_DAYS'),
    }),
    apiKeyCacheSeconds: number('API_KEY_CACHE_TTL'),
    modelMappingCacheSeconds: number('MODEL_MAPPING_CACHE_TTL'),
    retryMax: number('RETRY_MAX'),
    shutdownTimeoutSeconds: number('SHUTDOWN_TIMEOUT'),
    headersTimeoutSeconds: number('HEADERS_TIMEOUT'),
    requestTimeoutSeconds: number('REQUEST_TIMEOUT'),
    maxStreamsPerKey: read('MAX_STREAMS_PER_KEY') as number | undefined,
    apiKeyOutageGraceSeconds: number('API_KEY_OUTAGE_GRACE'),
    allowUrlSources: flag('ALLOW_URL_SOURCES'),
    usageRetryIntervalSeconds: number('USAGE_RETRY_INTERVAL'),
    metricsEnabled: flag('ENABLE_METRICS'),
    logFormat: text('LOG_FORMAT') as 'auto' | 'json' | 'pretty',
    responseCache: Object.freeze({ enabled: flag('RESPONSE_CACHE'), ttlSeconds: number('RESPONSE_CACHE_TTL') }),
    guardrail: guardrailOf(text('GUARDRAIL_ID'), text('GUARDRAIL_VERSION'), text('GUARDRAIL_TRACE') as GuardrailTrace),
    rateLimit: Object.freeze({
      enabled: flag('RATE_LIMIT_ENABLED'),
      mode: text('RATE_LIMIT_MODE') as 'local' | 'shared',
      requests: number('RATE_LIMIT_REQUESTS'),
      windowSeconds: number('RATE_LIMIT_WINDOW'),
      tokensPerMinute: read('RATE_LIMIT_TOKENS_PER_MINUTE') as number | undefined,
      inputTokensPerMinute: read('RATE_LIMIT_INPUT_TOKENS_PER_MINUTE') as number | undefined,
      outputTokensPerMinute: read('RATE_LIMIT_OUTPUT_TOKENS_PER_MINUTE') as number | undefined,
    }),
  });
}

function guardrailOf(identifier: string | undefined, version: string | undefined, trace: GuardrailTrace): GuardrailSettings | undefined {
  if (identifier === undefined && version === undefined) return undefined;
  if (identifier === undefined || version === undefined) {
    throw new ConfigError(`Invalid configuration: GUARDRAIL_ID and GUARDRAIL_VERSION must be set together; only ${identifier === undefined ? 'GUARDRAIL_VERSION' : 'GUARDRAIL_ID'} is set`);
  }
  return Object.freeze({ identifier, version, trace });
}

/** The per-user folder for local state, following each platform's convention. */
export function defaultDataDirectory(env: LoadConfigInput['env'], platform: NodeJS.Platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? '.';
  if (platform === 'win32') return path.win32.join(env.LOCALAPPDATA ?? path.win32.join(home, 'AppData', 'Local'), 'anthropic-proxy');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'anthropic-proxy');
  return path.posix.join(env.XDG_DATA_HOME ?? path.posix.join(home, '.local', 'share'), 'anthropic-proxy');
}
