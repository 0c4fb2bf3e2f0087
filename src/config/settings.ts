import { z } from 'zod';
import { guardrailIdentifierPattern, guardrailTraces, guardrailVersionPattern } from '../bedrock/guardrail-settings.js';

/**
 * Every setting the proxy reads: its environment name, the command-line flag over it, and what
 * values are allowed (used word for word in the one-line start-up error).
 */
const booleanWords: Record<string, boolean> = {
  true: true, false: false, '1': true, '0': false, yes: true, no: false, on: true, off: false,
};

const booleanSetting = z.string().transform((value, context) => {
  const parsed = booleanWords[value.trim().toLowerCase()];
  if (parsed === undefined) {
    context.addIssue({ code: 'custom', message: 'not a boolean' });
    return z.NEVER;
  }
  return parsed;
});

const integerSetting = (minimum: number, maximum: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(minimum).max(maximum));

const httpUrlSetting = z.string().trim().pipe(z.url({ protocol: /^https?$/ }));

const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/);
const tableNameRule = 'a DynamoDB table name: 3 to 255 letters, digits, _ . -';

export interface Setting {
  /** The command-line option over the setting: commander's spec and its help text. */
  flag?: { spec: string; help: string };
  schema: z.ZodType<unknown, string>;
  defaultValue?: string;
  allowed: string;
  secret?: boolean;
}

export const settings = {
  HOST: { flag: { spec: '--host <host>', help: 'address to listen on (default 127.0.0.1)' }, schema: z.string().trim().min(1), defaultValue: '127.0.0.1', allowed: 'a host name or IP address' },
  PORT: { flag: { spec: '--port <port>', help: 'port to listen on, 0 for a free one (default 8000)' }, schema: integerSetting(0, 65535), defaultValue: '8000', allowed: 'an integer from 0 to 65535 (0 picks a free port)' },
  AWS_REGION: { flag: { spec: '--region <region>', help: 'AWS region of Bedrock and of DynamoDB with --store aws (default us-east-1)' }, schema: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/), defaultValue: 'us-east-1', allowed: 'an AWS region such as us-east-1' },
  AWS_PROFILE: { flag: { spec: '--profile <name>', help: 'AWS profile for credentials' }, schema: z.string().trim().min(1), allowed: 'a profile name from your AWS config' },
  BEDROCK_ENDPOINT_URL: { flag: { spec: '--bedrock-endpoint <url>', help: 'Bedrock Runtime endpoint to use instead of the regional one' }, schema: httpUrlSetting, allowed: 'an http:// or https:// URL' },
  AWS_BEARER_TOKEN_BEDROCK: { schema: z.string().trim().min(1), allowed: 'a Bedrock API key', secret: true },
  MOCK_BEDROCK: { flag: { spec: '--mock-bedrock', help: 'answer with the built-in Bedrock simulator: no AWS account needed' }, schema: booleanSetting, defaultValue: 'false', allowed: 'true or false' },
  MASTER_API_KEY: { flag: { spec: '--master-key <key>', help: 'an API key that always works, besides the stored keys' }, schema: z.string().min(8), allowed: 'a key of at least 8 characters', secret: true },
  REQUIRE_API_KEY: { flag: { spec: '--no-auth', help: 'accept requests without an API key' }, schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  LOG_LEVEL: { flag: { spec: '--log-level <level>', help: 'debug, info, warn, error or silent' }, schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']), defaultValue: 'info', allowed: 'one of debug, info, warn, error, silent' },
  STREAMING_TIMEOUT: { schema: integerSetting(1, 3600), defaultValue: '300', allowed: 'seconds, an integer from 1 to 3600' },
  RESPONSE_TIMEOUT: { schema: integerSetting(1, 7200), defaultValue: '600', allowed: 'seconds, an integer from 1 to 7200' },
  CONNECT_TIMEOUT: { schema: integerSetting(1, 600), defaultValue: '10', allowed: 'seconds, an integer from 1 to 600' },
  ENABLE_TOOL_USE: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  ENABLE_EXTENDED_THINKING: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  ENABLE_DOCUMENT_SUPPORT: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  PROMPT_CACHING_ENABLED: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  CLAUDE_API: { flag: { spec: '--claude-api <api>', help: 'Bedrock API for Claude models: converse or invoke' }, schema: z.enum(['converse', 'invoke']), defaultValue: 'invoke', allowed: 'converse or invoke' },
  BEDROCK_GEO_PREFIX: {
    flag: { spec: '--geo-prefix <prefix>', help: 'inference-profile prefix for Claude models: auto, us, eu, apac, jp, au, ca, us-gov, global, none' },
    schema: z.enum(['auto', 'us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global', 'none']),
    defaultValue: 'auto',
    allowed: 'one of auto, us, eu, apac, jp, au, ca, us-gov, global, none',
  },
  MAX_REQUEST_BYTES: { schema: integerSetting(1024, 1024 * 1024 * 1024), defaultValue: String(32 * 1024 * 1024), allowed: 'a size in bytes from 1024 to 1073741824' },
  DATA_DIR: { flag: { spec: '--data-dir <path>', help: 'folder of the embedded store and other local state' }, schema: z.string().trim().min(1), allowed: 'a folder path' },
  STORE: { flag: { spec: '--store <kind>', help: 'where the tables live: embedded (default) or aws (AWS DynamoDB in --region)' }, schema: z.enum(['embedded', 'aws']), defaultValue: 'embedded', allowed: 'embedded or aws' },
  DYNAMODB_ENDPOINT_URL: { flag: { spec: '--dynamodb-endpoint <url>', help: 'a DynamoDB-compatible endpoint such as DynamoDB Local' }, schema: httpUrlSetting, allowed: 'an http:// or https:// URL' },
  TABLE_PREFIX: { flag: { spec: '--table-prefix <prefix>', help: 'prefix of the four table names (default anthropic-proxy-)' }, schema: z.string().regex(/^[A-Za-z0-9_.-]{0,200}$/), defaultValue: 'anthropic-proxy-', allowed: 'letters, digits, _ . - (at most 200)' },
  API_KEYS_TABLE: { schema: tableName, allowed: tableNameRule },
  USAGE_TABLE: { schema: tableName, allowed: tableNameRule },
  CACHE_TABLE: { schema: tableName, allowed: tableNameRule },
  MODEL_MAPPING_TABLE: { schema: tableName, allowed: tableNameRule },
  USAGE_TTL_DAYS: { schema: integerSetting(1, 3650), defaultValue: '90', allowed: 'days, an integer from 1 to 3650' },
  API_KEY_CACHE_TTL: { schema: integerSetting(0, 3600), defaultValue: '30', allowed: 'seconds, an integer from 0 to 3600' },
  RETRY_MAX: { schema: integerSetting(0, 10), defaultValue: '2', allowed: 'retries, an integer from 0 to 10' },
  SHUTDOWN_TIMEOUT: { schema: integerSetting(0, 3600), defaultValue: '30', allowed: 'seconds, an integer from 0 to 3600' },
  HEADERS_TIMEOUT: { schema: integerSetting(1, 600), defaultValue: '15', allowed: 'seconds, an integer from 1 to 600' },
  REQUEST_TIMEOUT: { schema: integerSetting(1, 3600), defaultValue: '120', allowed: 'seconds, an integer from 1 to 3600' },
  MAX_STREAMS_PER_KEY: { schema: integerSetting(1, 1_000_000), allowed: 'a positive integer' },
  API_KEY_OUTAGE_GRACE: { schema: integerSetting(0, 86_400), defaultValue: '900', allowed: 'seconds, an integer from 0 to 86400' },
  ALLOW_URL_SOURCES: { schema: booleanSetting, defaultValue: 'false', allowed: 'true or false' },
  USAGE_RETRY_INTERVAL: { schema: integerSetting(1, 3600), defaultValue: '5', allowed: 'seconds, an integer from 1 to 3600' },
  RATE_LIMIT_ENABLED: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  RATE_LIMIT_MODE: { flag: { spec: '--rate-limit-mode <mode>', help: 'local (each process on its own) or shared (limits hold across every process on the same store)' }, schema: z.enum(['local', 'shared']), defaultValue: 'local', allowed: 'local or shared' },
  RATE_LIMIT_REQUESTS: { schema: integerSetting(1, 1_000_000_000), defaultValue: '100', allowed: 'requests, an integer from 1 to 1000000000' },
  RATE_LIMIT_WINDOW: { schema: integerSetting(1, 86_400), defaultValue: '60', allowed: 'seconds, an integer from 1 to 86400' },
  RATE_LIMIT_TOKENS_PER_MINUTE: { schema: integerSetting(1, 1_000_000_000_000), allowed: 'tokens, a positive integer' },
  RATE_LIMIT_INPUT_TOKENS_PER_MINUTE: { schema: integerSetting(1, 1_000_000_000_000), allowed: 'tokens, a positive integer' },
  RATE_LIMIT_OUTPUT_TOKENS_PER_MINUTE: { schema: integerSetting(1, 1_000_000_000_000), allowed: 'tokens, a positive integer' },
  RATE_LIMIT_TABLE: { schema: tableName, allowed: tableNameRule },
  ENABLE_METRICS: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  LOG_FORMAT: { flag: { spec: '--log-format <format>', help: 'json, pretty, or auto (pretty when stderr is a terminal)' }, schema: z.enum(['auto', 'json', 'pretty']), defaultValue: 'auto', allowed: 'one of auto, json, pretty' },
  RESPONSE_CACHE: { flag: { spec: '--response-cache <on|off>', help: 'answer repeated deterministic requests from the cache table' }, schema: booleanSetting, defaultValue: 'off', allowed: 'on or off' },
  RESPONSE_CACHE_TTL: { schema: integerSetting(1, 30 * 86_400), defaultValue: '3600', allowed: 'seconds, an integer from 1 to 2592000 (30 days)' },
  GUARDRAIL_ID: { schema: z.string().trim().max(2048).regex(guardrailIdentifierPattern), allowed: 'a guardrail id (lower-case letters and digits) or a guardrail ARN' },
  GUARDRAIL_VERSION: { schema: z.string().trim().regex(guardrailVersionPattern), allowed: 'DRAFT or a version number (1-99999999)' },
  GUARDRAIL_TRACE: { schema: z.enum(guardrailTraces), defaultValue: 'disabled', allowed: 'one of enabled, disabled, enabled_full' },
  MODEL_MAPPING_CACHE_TTL: { schema: integerSetting(0, 3600), defaultValue: '30', allowed: 'seconds, an integer from 0 to 3600' },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
export type RawSettings = Partial<Record<SettingName, string>>;
