import { isRecord } from '../../native/native-request.js';
import { extraInput, invalidType, joinPath, tagMismatch, tagMissing } from './pydantic-wording.js';

const ttls = ['5m', '1h'];

/** `cache_control` is `{type: "ephemeral", ttl?: "5m" | "1h"}` and nothing more (`scope` is refused). */
export function checkCacheControl(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return invalidType(path, 'dictionary');
  const type = value['type'];
  if (typeof type !== 'string') return tagMissing(path);
  if (type !== 'ephemeral') return tagMismatch(path, type, ['ephemeral']);
  const tagged = joinPath(path, 'ephemeral');
  const extra = Object.keys(value).find((key) => key !== 'type' && key !== 'ttl');
  if (extra !== undefined) return extraInput(joinPath(tagged, extra));
  const ttl = value['ttl'];
  if (ttl === undefined || ttl === null || (typeof ttl === 'string' && ttls.includes(ttl))) return undefined;
  return `${joinPath(tagged, 'ttl')}: Input should be '5m' or '1h'`;
}
