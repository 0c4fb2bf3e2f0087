import type { ModelTableEntry } from '../bedrock/model-ids.js';
import { ProxyError, invalidField } from '../errors.js';
import type { ModelMapping } from '../store/types.js';

/** A model as `GET /v1/models` describes it (the fields every SDK generation reads). */
export interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  /** RFC 3339. */
  created_at: string;
}

export interface ModelPage {
  data: ModelInfo[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/**
 * When the default table was last revised: the `created_at` of default models whose id carries no
 * release date (dated ids such as `claude-sonnet-4-5-20250929` use that date).
 */
export const defaultTableRevisedAt = '2026-11-27T00:00:00Z';

/**
 * Every model a client can ask for here, newest first: stored mappings that add ids of their own
 * (most recently changed first), then the default table in its order (newest models first).
 * A stored mapping that overrides a default keeps the default's place and, unless it has its own, name.
 */
export function buildModelCatalogue(defaults: ReadonlyArray<ModelTableEntry>, stored: ReadonlyArray<ModelMapping>): ModelInfo[] {
  const defaultIds = new Set(defaults.flatMap((entry) => [entry.anthropicId, ...(entry.aliases ?? [])]));
  const storedById = new Map(stored.map((mapping) => [mapping.anthropicModelId, mapping]));
  const added = stored
    .filter((mapping) => !defaultIds.has(mapping.anthropicModelId))
    .sort((left, right) => right.updatedAt.localeCompare(left.updatedAt))
    .map((mapping) => ({ type: 'model' as const, id: mapping.anthropicModelId, display_name: mapping.displayName ?? mapping.anthropicModelId, created_at: mapping.updatedAt }));
  const fromDefaults = defaults.map((entry) => ({
    type: 'model' as const,
    id: entry.anthropicId,
    display_name: storedById.get(entry.anthropicId)?.displayName ?? entry.displayName,
    created_at: releaseDateOf(entry) ?? defaultTableRevisedAt,
  }));
  return [...added, ...fromDefaults];
}

/** The model a client names, by its id or one of the default table's aliases. */
export function findModel(catalogue: ReadonlyArray<ModelInfo>, defaults: ReadonlyArray<ModelTableEntry>, id: string): ModelInfo {
  const canonical = defaults.find((entry) => entry.aliases?.includes(id))?.anthropicId ?? id;
  const found = catalogue.find((model) => model.id === canonical);
  if (found === undefined) throw new ProxyError('BEDROCK_NOT_FOUND', `model: ${id} is not a model this proxy serves`);
  return found;
}

export interface PageQuery {
  limit?: string | null;
  before_id?: string | null;
  after_id?: string | null;
}

/** Anthropic's cursor pagination: `limit` 1–1000 (default 20), `after_id` or `before_id` (not both). */
export function pageOfModels(catalogue: ReadonlyArray<ModelInfo>, query: PageQuery): ModelPage {
  const limit = query.limit == null ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidField(['limit'], 'Input should be an integer from 1 to 1000');
  if (query.before_id != null && query.after_id != null) throw invalidField([], 'before_id and after_id cannot be used together');
  let start = 0;
  let end = catalogue.length;
  if (query.after_id != null) start = indexOf(catalogue, query.after_id, 'after_id') + 1;
  if (query.before_id != null) end = indexOf(catalogue, query.before_id, 'before_id');
  const window = query.before_id != null ? catalogue.slice(Math.max(start, end - limit), end) : catalogue.slice(start, Math.min(end, start + limit));
  const hasMore = query.before_id != null ? end - limit > start : start + limit < end;
  return { data: window, first_id: window[0]?.id ?? null, last_id: window.at(-1)?.id ?? null, has_more: hasMore };
}

function indexOf(catalogue: ReadonlyArray<ModelInfo>, id: string, field: string): number {
  const index = catalogue.findIndex((model) => model.id === id);
  if (index === -1) throw invalidField([field], `no model with id ${id}`);
  return index;
}

function releaseDateOf(entry: ModelTableEntry): string | undefined {
  for (const id of [entry.anthropicId, ...(entry.aliases ?? [])]) {
    const match = /-(\d{4})(\d{2})(\d{2})$/.exec(id);
    if (match !== null) return `${match[1]}-${match[2]}-${match[3]}T00:00:00Z`;
  }
  return undefined;
}
