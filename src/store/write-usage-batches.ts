import type { UsageRecord } from './types.js';

/** Records that could not be written; the caller may keep them and try again. */
export class UsageWriteError extends Error {
  override readonly name = 'UsageWriteError';

  constructor(
    message: string,
    readonly records: UsageRecord[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WriteUsageBatchesOptions {
  records: ReadonlyArray<UsageRecord>;
  /** One BatchWriteItem call; resolves with the records DynamoDB left unprocessed. */
  writeBatch: (batch: UsageRecord[]) => Promise<UsageRecord[]>;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), for backoff jitter. */
  random: () => number;
  /** Calls per batch before giving up; default 8. */
  maxAttempts?: number;
  /** Default 50 ms, doubling up to `maxDelayMs` (default 2 s), with full jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** DynamoDB's limit on items per BatchWriteItem call. */
export const batchSize = 25;

/**
 * Writes records 25 at a time, retrying what DynamoDB leaves unprocessed (it does so when a
 * partition is throttled) with exponential backoff. Throws a UsageWriteError carrying every record
 * not written, so nothing is silently lost.
 */
export async function writeUsageBatches(options: WriteUsageBatchesOptions): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 2000;
  for (let start = 0; start < options.records.length; start += batchSize) {
    let remaining = options.records.slice(start, start + batchSize);
    const later = () => options.records.slice(start + batchSize);
    for (let attempt = 1; remaining.length > 0; attempt += 1) {
      if (attempt > maxAttempts) {
        throw new UsageWriteError(
          `${remaining.length} usage records were still unprocessed after ${maxAttempts} attempts`,
          [...remaining, ...later()],
        );
      }
      if (attempt > 1) {
        const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 2));
        await options.sleep(Math.round(options.random() * ceiling));
      }
      try {
        remaining = await options.writeBatch(remaining);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new UsageWriteError(`writing usage records failed: ${reason}`, [...remaining, ...later()], {
          cause: error,
        });
      }
    }
  }
}
