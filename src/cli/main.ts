import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ConfigError } from '../config/load-config.js';
import { StoreUnavailableError } from '../store/open-store.js';
import { UsageError } from './cli-error.js';
import { makeKeysCommand } from './keys-command.js';
import { makeMappingsCommand } from './mappings-command.js';
import { makeMockBedrockCommand } from './mock-bedrock-command.js';
import { makeServeCommand } from './serve-command.js';
import { makeSetupTablesCommand } from './setup-tables-command.js';
import { makeUsageCommand } from './usage-command.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('proxy')
  .description('The Anthropic Messages API, answered by AWS Bedrock')
  .version(packageJson.version)
  .option('--debug', 'print stack traces on errors')
  .addCommand(makeServeCommand())
  .addCommand(makeSetupTablesCommand())
  .addCommand(makeKeysCommand())
  .addCommand(makeMappingsCommand())
  .addCommand(makeUsageCommand())
  .addCommand(makeMockBedrockCommand());

try {
  await program.parseAsync(process.argv);
  process.exit(0);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof UsageError;
  const showStack = program.opts<{ debug?: boolean }>().debug === true;
  const message = error instanceof Error ? (showStack ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`proxy: ${message}\n`);
  process.exit(known ? 2 : error instanceof StoreUnavailableError ? 3 : 1);
}
