import { z } from 'zod';

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

export interface Setting {
  flag?: string;
  schema: z.ZodType<unknown, string>;
  defaultValue?: string;
  allowed: string;
  secret?: boolean;
}

export const settings = {
  HOST: { flag: '--host', schema: z.string().trim().min(1), defaultValue: '127.0.0.1', allowed: 'a host name or IP address' },
  PORT: { flag: '--port', schema: integerSetting(0, 65535), defaultValue: '8000', allowed: 'an integer from 0 to 65535 (0 picks a free port)' },
  AWS_REGION: { flag: '--region', schema: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/), defaultValue: 'us-east-1', allowed: 'an AWS region such as us-east-1' },
  AWS_PROFILE: { flag: '--profile', schema: z.string().trim().min(1), allowed: 'a profile name from your AWS config' },
  BEDROCK_ENDPOINT_URL: { flag: '--bedrock-endpoint', schema: httpUrlSetting, allowed: 'an http:// or https:// URL' },
  AWS_BEARER_TOKEN_BEDROCK: { schema: z.string().trim().min(1), allowed: 'a Bedrock API key', secret: true },
  MOCK_BEDROCK: { flag: '--mock-bedrock', schema: booleanSetting, defaultValue: 'false', allowed: 'true or false' },
  MASTER_API_KEY: { flag: '--master-key', schema: z.string().min(8), allowed: 'a key of at least 8 characters', secret: true },
  REQUIRE_API_KEY: { flag: '--no-auth', schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  LOG_LEVEL: { flag: '--log-level', schema: z.enum(['debug', 'info', 'warn', 'error', 'silent']), defaultValue: 'info', allowed: 'one of debug, info, warn, error, silent' },
  STREAMING_TIMEOUT: { schema: integerSetting(1, 3600), defaultValue: '300', allowed: 'seconds, an integer from 1 to 3600' },
  ENABLE_TOOL_USE: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  ENABLE_EXTENDED_THINKING: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  ENABLE_DOCUMENT_SUPPORT: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  PROMPT_CACHING_ENABLED: { schema: booleanSetting, defaultValue: 'true', allowed: 'true or false' },
  CLAUDE_API: { flag: '--claude-api', schema: z.enum(['converse', 'invoke']), defaultValue: 'converse', allowed: 'converse or invoke' },
  BEDROCK_GEO_PREFIX: {
    flag: '--geo-prefix',
    schema: z.enum(['auto', 'us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global', 'none']),
    defaultValue: 'auto',
    allowed: 'one of auto, us, eu, apac, jp, au, ca, us-gov, global, none',
  },
  MAX_REQUEST_BYTES: { schema: integerSetting(1024, 1024 * 1024 * 1024), defaultValue: String(32 * 1024 * 1024), allowed: 'a size in bytes from 1024 to 1073741824' },
  DATA_DIR: { flag: '--data-dir', schema: z.string().trim().min(1), allowed: 'a folder path' },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
export type RawSettings = Partial<Record<SettingName, string>>;
