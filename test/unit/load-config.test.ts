import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDataDirectory, loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({ env: { HOME: '/home/ada' }, platform: 'linux' });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      region: 'us-east-1',
      mockBedrock: false,
      requireApiKey: true,
      logLevel: 'info',
      streamingTimeoutSeconds: 300,
      features: { toolUse: true, extendedThinking: true, documents: true, promptCaching: true },
      claudeApi: 'invoke',
      geoPrefix: 'auto',
      maxRequestBytes: 32 * 1024 * 1024,
      dataDir: '/home/ada/.local/share/anthropic-proxy',
    });
    expect(config.masterApiKey).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the original names from the environment', () => {
    const config = loadConfig({
      env: {
        AWS_REGION: 'eu-west-1',
        AWS_PROFILE: 'dev',
        BEDROCK_ENDPOINT_URL: 'http://127.0.0.1:9999',
        MASTER_API_KEY: 'sk-master-123',
        REQUIRE_API_KEY: 'false',
        LOG_LEVEL: 'debug',
        STREAMING_TIMEOUT: '60',
        ENABLE_TOOL_USE: 'no',
        ENABLE_EXTENDED_THINKING: '0',
        ENABLE_DOCUMENT_SUPPORT: 'off',
        PROMPT_CACHING_ENABLED: 'FALSE',
        HOST: '0.0.0.0',
        PORT: '0',
      },
    });
    expect(config).toMatchObject({
      region: 'eu-west-1',
      profile: 'dev',
      bedrockEndpoint: 'http://127.0.0.1:9999',
      masterApiKey: 'sk-master-123',
      requireApiKey: false,
      logLevel: 'debug',
      streamingTimeoutSeconds: 60,
      features: { toolUse: false, extendedThinking: false, documents: false, promptCaching: false },
      host: '0.0.0.0',
      port: 0,
    });
  });

  it('lets flags win over the environment, and the environment over .env', () => {
    const config = loadConfig({
      env: { PORT: '9000', LOG_LEVEL: 'warn' },
      dotenvText: 'PORT=7000\nLOG_LEVEL=error\nAWS_REGION=ap-southeast-2\n',
      flags: { PORT: '9100' },
    });
    expect(config.port).toBe(9100);
    expect(config.logLevel).toBe('warn');
    expect(config.region).toBe('ap-southeast-2');
  });

  it.each([
    [{ env: { PORT: 'eighty' } }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (0 picks a free port); got "eighty"'],
    [{ env: { PORT: '70000' } }, 'Invalid configuration: PORT must be an integer from 0 to 65535 (0 picks a free port); got "70000"'],
    [{ env: {}, flags: { PORT: '-1' } }, 'Invalid configuration: PORT (--port) must be an integer from 0 to 65535 (0 picks a free port); got "-1"'],
    [{ env: { REQUIRE_API_KEY: 'maybe' } }, 'Invalid configuration: REQUIRE_API_KEY must be true or false; got "maybe"'],
    [{ env: { LOG_LEVEL: 'loud' } }, 'Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error, silent; got "loud"'],
    [{ env: { BEDROCK_ENDPOINT_URL: 'ftp://example.com' } }, 'Invalid configuration: BEDROCK_ENDPOINT_URL must be an http:// or https:// URL; got "ftp://example.com"'],
    [{ env: { AWS_REGION: 'Frankfurt' } }, 'Invalid configuration: AWS_REGION must be an AWS region such as us-east-1; got "Frankfurt"'],
    [{ env: { STREAMING_TIMEOUT: '0' } }, 'Invalid configuration: STREAMING_TIMEOUT must be seconds, an integer from 1 to 3600; got "0"'],
    [{ env: {}, flags: { CLAUDE_API: 'bedrock' } }, 'Invalid configuration: CLAUDE_API (--claude-api) must be converse or invoke; got "bedrock"'],
    [{ env: { MASTER_API_KEY: 'short' } }, 'Invalid configuration: MASTER_API_KEY must be a key of at least 8 characters; got a value'],
    [{ env: { RESPONSE_CACHE: 'sometimes' } }, 'Invalid configuration: RESPONSE_CACHE must be on or off; got "sometimes"'],
    [{ env: { RESPONSE_CACHE_TTL: '0' } }, 'Invalid configuration: RESPONSE_CACHE_TTL must be seconds, an integer from 1 to 2592000 (30 days); got "0"'],
    [{ env: { LOG_FORMAT: 'xml' } }, 'Invalid configuration: LOG_FORMAT must be one of auto, json, pretty; got "xml"'],
    [{ env: { GUARDRAIL_ID: 'My Guardrail', GUARDRAIL_VERSION: '1' } }, 'Invalid configuration: GUARDRAIL_ID must be a guardrail id (lower-case letters and digits) or a guardrail ARN; got "My Guardrail"'],
    [{ env: { GUARDRAIL_ID: 'gr0abc', GUARDRAIL_VERSION: 'latest' } }, 'Invalid configuration: GUARDRAIL_VERSION must be DRAFT or a version number (1-99999999); got "latest"'],
    [{ env: { GUARDRAIL_ID: 'gr0abc', GUARDRAIL_VERSION: '1', GUARDRAIL_TRACE: 'on' } }, 'Invalid configuration: GUARDRAIL_TRACE must be one of enabled, disabled, enabled_full; got "on"'],
    [{ env: { GUARDRAIL_ID: 'gr0abc' } }, 'Invalid configuration: GUARDRAIL_ID and GUARDRAIL_VERSION must be set together; only GUARDRAIL_ID is set'],
    [{ env: { GUARDRAIL_VERSION: '2' } }, 'Invalid configuration: GUARDRAIL_ID and GUARDRAIL_VERSION must be set together; only GUARDRAIL_VERSION is set'],
  ])('stops on a bad value with one line naming it: %j', (input, message) => {
    expect(() => loadConfig(input)).toThrow(ConfigError);
    expect(() => loadConfig(input)).toThrow(message);
  });

  it('reads the operating settings: metrics on, cache off, no guardrail unless set', () => {
    const defaults = loadConfig({ env: {} });
    expect([defaults.metricsEnabled, defaults.logFormat, defaults.responseCache, defaults.guardrail]).toEqual([true, 'auto', { enabled: false, ttlSeconds: 3600 }, undefined]);
    const set = loadConfig({
      env: { ENABLE_METRICS: 'false', LOG_FORMAT: 'json', RESPONSE_CACHE: 'on', RESPONSE_CACHE_TTL: '600', GUARDRAIL_ID: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/gr0abc', GUARDRAIL_VERSION: 'DRAFT' },
    });
    expect([set.metricsEnabled, set.logFormat, set.responseCache]).toEqual([false, 'json', { enabled: true, ttlSeconds: 600 }]);
    expect(set.guardrail).toEqual({ identifier: 'arn:aws:bedrock:us-east-1:123456789012:guardrail/gr0abc', version: 'DRAFT', trace: 'disabled' });
  });

  it.each([
    ['linux', { HOME: '/home/ada' }, '/home/ada/.local/share/anthropic-proxy'],
    ['linux', { HOME: '/home/ada', XDG_DATA_HOME: '/data' }, '/data/anthropic-proxy'],
    ['darwin', { HOME: '/Users/ada' }, '/Users/ada/Library/Application Support/anthropic-proxy'],
    ['win32', { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'C:\\Users\\ada\\AppData\\Local\\anthropic-proxy'],
  ] as const)('puts local state in the per-user data folder on %s', (platform, env, expected) => {
    expect(defaultDataDirectory(env, platform)).toBe(expected);
  });
});
