/**
 * The fake Bedrock under load, in its own process so its CPU and memory are its own. Prints its
 * URL on one stdout line; stops on SIGTERM, SIGINT, or when the parent closes stdin (so it never
 * outlives a benchmark that died).
 */
import { startBedrockSimulator } from '../dist/simulator/index.js';
import { benchAnswerText } from './request-bodies.mjs';

const simulator = await startBedrockSimulator({ host: '127.0.0.1', port: 0, defaultScript: { content: [{ text: benchAnswerText }] } });
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
