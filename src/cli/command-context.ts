import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/load-config.js';
import { openConfiguredStore } from '../open-configured-store.js';
import type { OpenedStore } from '../store/open-store.js';
import { readDotenvFile } from './process-helpers.js';
import { settingsFromOptions, storeSettingNames } from './setting-options.js';

/** The configuration of a store command: its store flags over the environment and `.env`. */
export function loadCommandConfig(command: Command): Config {
  return loadConfig({ env: process.env, flags: settingsFromOptions(command, storeSettingNames), dotenvText: readDotenvFile() });
}

/** Runs `work` with the configured store open, and always closes it. */
export async function withStore<T>(command: Command, work: (store: OpenedStore, config: Config) => Promise<T>): Promise<T> {
  const config = loadCommandConfig(command);
  const store = await openConfiguredStore(config, 'client');
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
