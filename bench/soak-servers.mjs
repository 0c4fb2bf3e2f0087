import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../dist/config/load-config.js';
import { openConfiguredStore } from '../dist/open-configured-store.js';
import { openBenchStore } from './open-bench-store.mjs';
import { startChild } from './start-child.mjs';

/** @typedef {import('./start-child.mjs').RunningChild} RunningChild */

const simulatorProcess = fileURLToPath(new URL('./soak-simulator-process.mjs', import.meta.url));
const storeProcess = fileURLToPath(new URL('./soak-store-process.mjs', import.meta.url));
const proxyCli = fileURLToPath(new URL('../bin/proxy.js', import.meta.url));

/**
 * The soak simulator and the real `proxy serve` CLI in front of it, each in its own process on
 * 127.0.0.1 and a free port. The proxy is started exactly as the benchmark starts it
 * (start-servers.mjs): the full pipeline with SigV4 signing, the embedded store in the data
 * directory, rate limiting on. With `separateStore`, the store engine runs in a third process on
 * the same (already prepared) database and the proxy reaches it as a DynamoDB endpoint.
 * @param {{ dataDir: string, separateStore: boolean, registry: Set<RunningChild> }} options
 * @returns {Promise<{ simulator: RunningChild, proxy: RunningChild, store: RunningChild | undefined }>}
 */
export async function startSoakServers(options) {
  const quietNode = { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const store = options.separateStore
    ? await startChild({ name: 'store', arguments: [storeProcess, path.join(options.dataDir, 'dynalite')], env: quietNode, registry: options.registry })
    : undefined;
  const simulator = await startChild({ name: 'simulator', arguments: [simulatorProcess], env: quietNode, registry: options.registry });
  const proxy = await startChild({
    name: 'proxy',
    arguments: [proxyCli, 'serve', '--port', '0', '--bedrock-endpoint', simulator.url, '--data-dir', options.dataDir, '--log-level', 'warn'],
    // Dummy keys make the proxy sign every call (the simulator accepts any signature); HOME and the
    // working directory are the temporary folder, so no AWS profile or .env file of this machine counts.
    env: {
      ...quietNode,
      HOME: options.dataDir,
      AWS_ACCESS_KEY_ID: 'AKIABENCHMARK0000000',
      AWS_SECRET_ACCESS_KEY: 'benchmark-secret-access-key',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      RATE_LIMIT_ENABLED: 'true',
      ...(store === undefined ? {} : { DYNAMODB_ENDPOINT_URL: store.url }),
    },
    cwd: options.dataDir,
    registry: options.registry,
  });
  return { simulator, proxy, store };
}

/**
 * The proxy's store as the soak reads it while the proxy runs: through the proxy's embedded engine,
 * or the separate store process.
 * @param {{ dataDir: string, store: RunningChild | undefined }} options
 */
export function openSoakStore(options) {
  if (options.store === undefined) return openBenchStore(options.dataDir);
  return openConfiguredStore(loadConfig({ env: { DYNAMODB_ENDPOINT_URL: options.store.url, AWS_REGION: 'us-east-1' } }), 'client');
}
