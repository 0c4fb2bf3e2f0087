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
  ])('stops on a bad value with one line naming it: %j', (input, message) => {
    expect(() => loadConfig(input)).toThrow(ConfigError);
    expect(() => loadConfig(input)).toThrow(message);
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
