import type { Config } from './config/load-config.js';
import { openStore, type OpenedStore, type StoreLocation } from './store/open-store.js';
import { resolveTableNames, type TableNameOptions } from './store/table-names.js';
import type { TableNames } from './store/types.js';

/** The store the configuration points at: embedded (the default), a DynamoDB endpoint, or AWS. */
export function openConfiguredStore(config: Config, role: 'server' | 'client'): Promise<OpenedStore> {
  return openStore({
    location: storeLocation(config),
    tables: resolveTableNamesFromConfig(config),
    usageTtlDays: config.store.usageTtlDays,
    role,
  });
}

export function resolveTableNamesFromConfig(config: Config): TableNames {
  return resolveTableNames({ prefix: config.store.tablePrefix, ...definedTables(config) });
}

export function storeLocation(config: Config): StoreLocation {
  switch (config.store.kind) {
    case 'endpoint':
      return { kind: 'endpoint', endpoint: config.store.endpoint as string, region: config.region };
    case 'aws':
      return config.profile === undefined ? { kind: 'aws', region: config.region } : { kind: 'aws', region: config.region, profile: config.profile };
    case 'embedded':
      return { kind: 'embedded', dataDir: config.dataDir };
    default: {
      const unhandled: never = config.store.kind;
      throw new Error(`unknown store kind ${String(unhandled)}`);
    }
  }
}

function definedTables(config: Config): Omit<TableNameOptions, 'prefix'> {
  const tables: Omit<TableNameOptions, 'prefix'> = {};
  for (const [name, value] of Object.entries(config.store.tables)) {
    if (value !== undefined) tables[name as keyof typeof tables] = value;
  }
  return tables;
}
