import { fileURLToPath } from 'node:url';
import { startChild } from './start-child.mjs';

/**
 * @typedef {import('./start-child.mjs').RunningChild} RunningChild
 * @typedef {Record<import('./plan-scenarios.mjs').ServerName, RunningChild>} RunningServers
 */

const benchFolder = fileURLToPath(new URL('.', import.meta.url));
const proxyCli = fileURLToPath(new URL('../bin/proxy.js', import.meta.url));

/**
 * The three processes under test, each on 127.0.0.1 and a free port: the simulator, the bare
 * pass-through in front of it, and the real `proxy serve` CLI with the full pipeline in front of it.
 * @param {{ dataDir: string, registry: Set<RunningChild> }} options
 * @returns {Promise<RunningServers>}
 */
export async function startServers(options) {
  const quietNode = { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const simulator = await startChild({
    name: 'simulator',
    arguments: [`${benchFolder}simulator-process.mjs`],
    env: quietNode,
    registry: options.registry,
  });
  const passThrough = await startChild({
    name: 'pass-through',
    arguments: [`${benchFolder}pass-through-process.mjs`, simulator.url],
    env: quietNode,
    registry: options.registry,
  });
  const proxy = await startChild({
    name: 'proxy',
    arguments: [proxyCli, 'serve', '--port', '0', '--bedrock-endpoint', simulator.url, '--data-dir', options.dataDir, '--log-level', 'warn'],
    // A clean environment: dummy keys make the proxy sign every call with SigV4 (the simulator accepts
    // any signature); HOME and the working directory point at the temporary folder so no AWS profile
    // or .env file of this machine changes what is measured.
    env: {
      ...quietNode,
      HOME: options.dataDir,
      AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000000',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret-access-key',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      RATE_LIMIT_ENABLED: 'true',
    },
    cwd: options.dataDir,
    registry: options.registry,
  });
  return { simulator, 'pass-through': passThrough, proxy };
}
