import type { TableNames } from './types.js';

export interface TableNameOptions {
  /** Common prefix, `anthropic-proxy-` by default in the configuration. */
  prefix: string;
  apiKeys?: string;
  usage?: string;
  cache?: string;
  modelMappings?: string;
  rateLimits?: string;
}

/** Table names from a common prefix; a name given explicitly wins over the prefixed default. */
export function resolveTableNames(options: TableNameOptions): TableNames {
  return {
    apiKeys: options.apiKeys ?? `${options.prefix}api-keys`,
    usage: options.usage ?? `${options.prefix}usage`,
    cache: options.cache ?? `${options.prefix}cache`,
    modelMappings: options.modelMappings ?? `${options.prefix}model-mappings`,
    rateLimits: options.rateLimits ?? `${options.prefix}rate-limits`,
  };
}
