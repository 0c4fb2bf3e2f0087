import { Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logger.js';
import { isLoopbackHost } from '../server/is-loopback-host.js';
import { startProxy } from '../start-proxy.js';
import { readDotenvFile, waitForShutdownSignal } from './process-helpers.js';
import { addSettingOptions, settingsFromOptions, storeSettingNames } from './setting-options.js';

const serveSettingNames = [
  'HOST',
  'PORT',
  'BEDROCK_ENDPOINT_URL',
  'MOCK_BEDROCK',
  'REQUIRE_API_KEY',
  'MASTER_API_KEY',
  'CLAUDE_API',
  'BEDROCK_GEO_PREFIX',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'RESPONSE_CACHE',
  'RATE_LIMIT_MODE',
  ...storeSettingNames,
] as const;

export function makeServeCommand(): Command {
  const command = new Command('serve').description('serve the Anthropic Messages API, answered by AWS Bedrock');
  return addSettingOptions(command, serveSettingNames).action(async (_flags: unknown, self: Command) => {
    const config = loadConfig({ env: process.env, flags: settingsFromOptions(self, serveSettingNames), dotenvText: readDotenvFile() });
    const pretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stderr.isTTY === true);
    const logger = createLogger({ level: config.logLevel, pretty });
    const proxy = await startProxy(config, logger);

    const bedrock = config.mockBedrock ? `the Bedrock simulator at ${proxy.bedrockEndpoint}` : `Bedrock ${config.region} at ${proxy.bedrockEndpoint}`;
    process.stdout.write(`proxy listening on ${proxy.url} (answered by ${bedrock}; store: ${proxy.store.description})\n`);
    if (proxy.generatedMasterKey !== undefined) {
      process.stdout.write(`No MASTER_API_KEY is set; besides stored keys, clients can use this key for this run: ${proxy.generatedMasterKey}\n`);
    }
    if (!config.requireApiKey && !isLoopbackHost(config.host)) {
      logger.warn('authentication is off and the proxy listens beyond this machine: anyone who can reach it can spend your Bedrock quota', { host: config.host });
    }
    const signal = await waitForShutdownSignal();
    logger.info('shutting down', { signal });
    await proxy.close();
    await logger.flush?.();
  });
}
