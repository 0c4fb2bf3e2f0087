import type { CacheControl } from '../anthropic/request-schema.js';
import type { ConversionContext, Path } from './conversion-context.js';

export interface CachePointItem {
  cachePoint: { type: 'default'; ttl?: '5m' | '1h' };
}

/**
 * The Converse cache point that stands for a `cache_control`, to be placed right after the
 * converted item it follows; undefined when there is none or the model cannot take one.
 */
export function cachePointFor(
  cacheControl: CacheControl | null | undefined,
  context: ConversionContext,
  path: Path,
): CachePointItem | undefined {
  if (cacheControl === undefined || cacheControl === null) return undefined;
  if (!context.cachePointsSupported) {
    context.droppedCacheControls.push([...path, 'cache_control'].join('.'));
    return undefined;
  }
  return { cachePoint: cacheControl.ttl === undefined ? { type: 'default' } : { type: 'default', ttl: cacheControl.ttl } };
}

export function isCachePoint(item: object): item is CachePointItem {
  return 'cachePoint' in item && (item as Partial<CachePointItem>).cachePoint !== undefined;
}

export interface CacheMark {
  cacheControl: CacheControl | null | undefined;
  /** Where the mark sits in the request, for warnings. */
  path: Path;
}

/**
 * Appends the cache point for a marked item (a blank one has been skipped, so the point then
 * follows the item before it, which caches the same prefix); dropped with a warning when nothing
 * precedes it, since Bedrock rejects a cache point with nothing to cache.
 */
export function appendCachePoint<Item extends object>(items: Array<Item | CachePointItem>, mark: CacheMark, context: ConversionContext): void {
  const { path } = mark;
  const cachePoint = cachePointFor(mark.cacheControl, context, path);
  if (cachePoint === undefined) return;
  const last = items[items.length - 1];
  if (last === undefined || isCachePoint(last)) {
    context.warnings.push(`${[...path, 'cache_control'].join('.')}: dropped; the block it marks is blank, so there is nothing new to cache`);
    return;
  }
  items.push(cachePoint);
}
