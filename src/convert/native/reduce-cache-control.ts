import type { Path } from '../conversion-context.js';
import { removeField, type NativeContext } from './native-context.js';

const keptFields: ReadonlySet<string> = new Set(['type', 'ttl']);

/**
 * Bedrock accepts only `type` and `ttl` in a cache_control (it rejects `scope`, for one); a null
 * cache_control is left out. Works on a copied block, in place.
 */
export function reduceCacheControl(target: Record<string, unknown>, path: Path, context: NativeContext): void {
  const value = target['cache_control'];
  if (value === undefined || value === null) {
    removeField(target, 'cache_control', path, context);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return;
  const reduced: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if (keptFields.has(field)) reduced[field] = fieldValue;
    else context.removed.push([...path, 'cache_control', field].join('.'));
  }
  target['cache_control'] = reduced;
}
