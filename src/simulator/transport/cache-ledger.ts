import { createHash } from 'node:crypto';

/** Cache prefixes this simulator has seen (bounded: the oldest are forgotten first). */
export interface CacheLedger {
  /** Records the prefix and tells whether it was seen before. */
  visit(modelId: string, prefixKey: string): boolean;
}

export function createCacheLedger(limit: number): CacheLedger {
  const seen = new Set<string>();
  return {
    visit(modelId, prefixKey) {
      const digest = createHash('sha256').update(modelId).update('\n').update(prefixKey).digest('base64');
      if (seen.has(digest)) return true;
      seen.add(digest);
      if (seen.size > limit) {
        const oldest = seen.values().next().value;
        if (oldest !== undefined) seen.delete(oldest);
      }
      return false;
    },
  };
}
