import type { ApiKeyStore, UsageRecord, UsageStore } from '../store/types.js';
import type { KeyLabel } from './aggregate-usage.js';
import type { TimeRange } from './usage-window.js';

/** Usage is also recorded under these ids, which are not stored keys. */
export const pseudoKeyIds = ['master', 'anonymous', 'unauthenticated'] as const;

/** The part of the store the loader reads. */
export interface UsageSource {
  apiKeys: Pick<ApiKeyStore, 'list'>;
  usage: Pick<UsageStore, 'query'>;
}

export interface UsageLoaderOptions {
  /** Read only this key's records. */
  keyId?: string;
  /**
   * A record is written when its request ends but sorted by when it arrived, so a refresh reads
   * again from this long before the newest record it has seen. Default 5 minutes.
   */
  overlapMs?: number;
  /** Keys queried at once. Default 8. */
  concurrency?: number;
}

export interface LoadedUsage {
  /** The records of the range, each request once. */
  records: UsageRecord[];
  keyNames: ReadonlyMap<string, KeyLabel>;
  /** Whether a record was added or dropped since the previous load. */
  changed: boolean;
}

export interface UsageLoader {
  /** The store is passed on each load, so a caller may open it only for the time of a load. */
  load(store: UsageSource, range: TimeRange): Promise<LoadedUsage>;
}

/**
 * Reads usage by key and time range (a DynamoDB Query per key, never a Scan) and keeps what it has
 * read: a later load of a range starting at or after the kept one only asks each key for what
 * follows the newest record seen of it (minus the overlap), de-duplicated by request id, and drops
 * what fell out of the range. A range that starts earlier is read in full.
 */
export function createUsageLoader(options: UsageLoaderOptions = {}): UsageLoader {
  const overlapMs = options.overlapMs ?? 5 * 60_000;
  const concurrency = options.concurrency ?? 8;
  const records = new Map<string, UsageRecord>();
  const newestByKey = new Map<string, string>();
  let keptSinceIso: string | undefined;

  return {
    async load(store, range) {
      const sinceIso = range.since.toISOString();
      const untilIso = range.until.toISOString();
      const keys = await store.apiKeys.list();
      const keyNames = new Map(keys.map((key) => [key.id, { name: key.name, userId: key.userId }]));
      const keyIds = options.keyId !== undefined ? [options.keyId] : [...pseudoKeyIds, ...keys.map((key) => key.id)];
      const incremental = keptSinceIso !== undefined && sinceIso >= keptSinceIso;
      let changed = false;
      if (!incremental) {
        changed = records.size > 0;
        records.clear();
        newestByKey.clear();
      }

      const read = await mapConcurrently(keyIds, concurrency, (keyId) => {
        const newest = incremental ? newestByKey.get(keyId) : undefined;
        const from = newest === undefined ? sinceIso : maxIso(sinceIso, new Date(Date.parse(newest) - overlapMs).toISOString());
        return store.usage.query({ keyId, since: from, until: untilIso });
      });
      for (const batch of read) {
        for (const record of batch) {
          if (!records.has(record.requestId)) changed = true;
          records.set(record.requestId, record);
          if (record.timestamp > (newestByKey.get(record.keyId) ?? '')) newestByKey.set(record.keyId, record.timestamp);
        }
      }
      for (const [requestId, record] of records) {
        if (record.timestamp < sinceIso || record.timestamp >= untilIso) {
          records.delete(requestId);
          changed = true;
        }
      }
      keptSinceIso = sinceIso;
      return { records: [...records.values()], keyNames, changed };
    },
  };
}

async function mapConcurrently<Input, Output>(inputs: ReadonlyArray<Input>, limit: number, work: (input: Input) => Promise<Output>): Promise<Output[]> {
  const results = new Array<Output>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      results[index] = await work(inputs[index] as Input);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

function maxIso(left: string, right: string): string {
  return left > right ? left : right;
}
