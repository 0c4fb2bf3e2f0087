import { Command } from 'commander';
import { startBedrockSimulator } from '../simulator/index.js';
import { UsageError } from './cli-error.js';
import { waitForShutdownSignal } from './process-helpers.js';

export function makeMockBedrockCommand(): Command {
  return new Command('mock-bedrock')
    .description('run the strict Bedrock Runtime simulator (Converse, ConverseStream) for tests and offline demos')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on, 0 for a free one', '8001')
    .action(async (flags: { host: string; port: string }) => {
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535; got "${flags.port}"`);
      const simulator = await startBedrockSimulator({ host: flags.host, port });
      process.stdout.write(`Bedrock simulator listening on ${simulator.url}\n`);
      await waitForShutdownSignal();
      await simulator.close();
    });
}
