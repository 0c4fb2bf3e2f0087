import { resolveBedrockModelId, type GeoPrefix } from '../bedrock/model-ids.js';
import type { Logger } from '../logger.js';
import type { BedrockApi, ModelMapping, ModelMappingStore } from '../store/types.js';

export interface ResolvedModel {
  bedrockModelId: string;
  /** From a stored mapping; `auto` (and defaults) let the proxy choose. */
  api: BedrockApi | 'auto';
  /** Whether a stored mapping decided it. */
  mapped: boolean;
}

export interface ModelResolverOptions {
  mappings: ModelMappingStore;
  geoPrefix: GeoPrefix;
  /** How long a snapshot of the stored mappings is used before it is read again. */
  cacheTtlMs: number;
  logger: Logger;
  now?: () => number;
}

export type ModelResolver = (model: string) => Promise<ResolvedModel>;

/**
 * Stored mappings first, then the default table. The mappings table is small, so the resolver
 * keeps a snapshot of all of it and reads it again once it is older than `cacheTtlMs` (concurrent
 * requests share that one read), so a change takes effect within the window. A failed read keeps
 * the last snapshot for another window.
 */
export function createModelResolver(options: ModelResolverOptions): ModelResolver {
  const now = options.now ?? Date.now;
  let snapshot: Map<string, ModelMapping> | undefined;
  let loadedAt = 0;
  let refreshing: Promise<void> | undefined;

  function refresh(): Promise<void> {
    refreshing ??= options.mappings
      .list()
      .then((mappings) => {
        snapshot = new Map(mappings.map((mapping) => [mapping.anthropicModelId, mapping]));
        loadedAt = now();
      })
      .catch((error: unknown) => {
        options.logger.warn('model mappings could not be read; using the last known ones', { error: String(error) });
        loadedAt = now();
        snapshot ??= new Map();
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  }

  return async (model) => {
    if (snapshot === undefined || now() - loadedAt >= options.cacheTtlMs) await refresh();
    const mapping = snapshot?.get(model);
    if (mapping !== undefined) return { bedrockModelId: mapping.bedrockModelId, api: mapping.api, mapped: true };
    return { bedrockModelId: resolveBedrockModelId(model, { geoPrefix: options.geoPrefix }), api: 'auto', mapped: false };
  };
}
