import { loadConfig } from '../dist/config/load-config.js';
import { openConfiguredStore } from '../dist/open-configured-store.js';

/**
 * The store of the proxy under test, opened as a command would open it: before the proxy starts
 * it opens the data directory itself; while the proxy runs it connects to the proxy's engine
 * (through `engine.json`), so the benchmark reads exactly what the proxy wrote.
 * The configuration comes from the proxy's own loader, so table names cannot drift apart.
 * @param {string} dataDir
 */
export function openBenchStore(dataDir) {
  const config = loadConfig({ env: { DATA_DIR: dataDir } });
  return openConfiguredStore(config, 'client');
}
