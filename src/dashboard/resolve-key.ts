import type { ApiKeyRecord } from '../store/types.js';
import { pseudoKeyIds } from './load-usage.js';

/** `--key`: a key id (stored or `master`, `anonymous`, `unauthenticated`), or a name only one key has. */
export function resolveKey(text: string, keys: ReadonlyArray<Pick<ApiKeyRecord, 'id' | 'name'>>): string {
  if ((pseudoKeyIds as ReadonlyArray<string>).includes(text) || keys.some((key) => key.id === text)) return text;
  const named = keys.filter((key) => key.name === text);
  const [only] = named;
  if (only !== undefined && named.length === 1) return only.id;
  if (named.length > 1) throw new RangeError(`--key "${text}" names ${named.length} keys (${named.map((key) => key.id).join(', ')}); give the id`);
  throw new RangeError(`--key "${text}" is neither a key id nor a key name; list them with: proxy keys list`);
}
