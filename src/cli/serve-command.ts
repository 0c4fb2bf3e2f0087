import { Command, Option } from 'commander';
import { loadConfig } from '../config/load-config.js';
import type { RawSettings } from '../config/settings.js';
import { createLogger } from '../logger.js';
import { startProxy } from '../start-proxy.js';
import { UsageError } from './cli-error.js';
import { isLoopbackHost, readDotenvFile, waitForShutdownSignal } from './process-helpers.js';

interface ServeFlags {
  host?: string;
  port?: string;
  region?: string;
  profile?: string;
  bedrockEndpoint?: string;
  mockBedrock?: boolean;
  auth?: boolean;
  masterKey?: string;
  dataDir?: string;
  claudeApi?: string;
  geoPrefix?: string;
  logLevel?: string;
}

export function makeServeCommand(): Command {
  return new Command('serve')
    .description('serve the Anthropic Messages API, answered by AWS Bedrock')
    .option('--host <host>', 'address to listen on (default 127.0.0.1; env HOST)')
    .option('--port <port>', 'port to listen on, 0 for a free one (default 8000; env PORT)')
    .option('--region <region>', 'AWS region of Bedrock (default us-east-1; env AWS_REGION)')
    .option('--profile <name>', 'AWS profile for credentials (env AWS_PROFILE)')
    .option('--bedrock-endpoint <url>', 'Bedrock Runtime endpoint to use instead of the regional one (env BEDROCK_ENDPOINT_URL)')
    .option('--mock-bedrock', 'answer with the built-in Bedrock simulator: no AWS account needed (env MOCK_BEDROCK)')
    .option('--no-auth', 'accept requests without an API key (env REQUIRE_API_KEY=false)')
    .option('--master-key <key>', 'the API key clients send (env MASTER_API_KEY)')
    .option('--data-dir <path>', 'folder for local state (env DATA_DIR)')
    .addOption(new Option('--claude-api <api>', 'Bedrock API for Claude models (env CLAUDE_API)').choices(['converse', 'invoke']))
    .option('--geo-prefix <prefix>', 'inference-profile prefix for Claude models: auto, us, eu, apac, jp, au, ca, us-gov, global, none (env BEDROCK_GEO_PREFIX)')
    .option('--log-level <level>', 'debug, info, warn, error or silent (env LOG_LEVEL)')
    .action(async (flags: ServeFlags, command: Command) => {
      const config = loadConfig({ env: process.env, flags: toSettings(flags, command), dotenvText: readDotenvFile() });
      if (config.claudeApi === 'invoke') {
        throw new UsageError('--claude-api invoke (CLAUDE_API=invoke) is not available yet: this version serves Claude through Converse only; use --claude-api converse');
      }
      const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(line) });
      const proxy = await startProxy(config, logger);

      const bedrock = config.mockBedrock ? `the Bedrock simulator at ${proxy.bedrockEndpoint}` : `Bedrock ${config.region} at ${proxy.bedrockEndpoint}`;
      process.stdout.write(`proxy listening on ${proxy.url} (answered by ${bedrock})\n`);
      if (proxy.generatedMasterKey !== undefined) {
        process.stdout.write(`No MASTER_API_KEY is set; clients can use this key for this run: ${proxy.generatedMasterKey}\n`);
      }
      if (!config.requireApiKey && !isLoopbackHost(config.host)) {
        logger.warn('authentication is off and the proxy listens beyond this machine: anyone who can reach it can spend your Bedrock quota', { host: config.host });
      }
      const signal = await waitForShutdownSignal();
      logger.info('shutting down', { signal });
      await proxy.close();
    });
}

/** Only the flags actually given, so the environment and .env still apply to the rest. */
function toSettings(flags: ServeFlags, command: Command): RawSettings {
  const given = (name: keyof ServeFlags) => command.getOptionValueSource(name) === 'cli';
  const settings: RawSettings = {};
  if (flags.host !== undefined) settings.HOST = flags.host;
  if (flags.port !== undefined) settings.PORT = flags.port;
  if (flags.region !== undefined) settings.AWS_REGION = flags.region;
  if (flags.profile !== undefined) settings.AWS_PROFILE = flags.profile;
  if (flags.bedrockEndpoint !== undefined) settings.BEDROCK_ENDPOINT_URL = flags.bedrockEndpoint;
  if (flags.mockBedrock === true) settings.MOCK_BEDROCK = 'true';
  if (given('auth') && flags.auth === false) settings.REQUIRE_API_KEY = 'false';
  if (flags.masterKey !== undefined) settings.MASTER_API_KEY = flags.masterKey;
  if (flags.dataDir !== undefined) settings.DATA_DIR = flags.dataDir;
  if (flags.claudeApi !== undefined) settings.CLAUDE_API = flags.claudeApi;
  if (flags.geoPrefix !== undefined) settings.BEDROCK_GEO_PREFIX = flags.geoPrefix;
  if (flags.logLevel !== undefined) settings.LOG_LEVEL = flags.logLevel;
  return settings;
}
