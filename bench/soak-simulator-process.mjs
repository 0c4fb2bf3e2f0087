/**
 * The soak's fake Bedrock, in its own process like the benchmark's (simulator-process.mjs), but
 * answering requests without a directive with the long stream of the slow-reader phase. Prints its
 * URL on one stdout line; stops on SIGTERM, SIGINT, or when the parent closes stdin.
 */
import { startBedrockSimulator } from '../dist/simulator/index.js';
import { longStreamScript } from './soak-requests.mjs';

const simulator = await startBedrockSimulator({ host: '127.0.0.1', port: 0, defaultScript: longStreamScript });
process.stdout.write(`${simulator.url}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await simulator.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
