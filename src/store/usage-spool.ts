import { mkdir, open, readFile, rename, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UsageRecord } from './types.js';
import { batchSize, UsageWriteError } from './write-usage-batches.js';

/**
 * An append-only file of usage records the store could not take (one JSON line each), replayed
 * once the store is back. What has been replayed is remembered in `<path>.offset`, so a replay that
 * is cut off resumes where it stopped; a record written twice is harmless, because its item key
 * (key id, `timestamp#requestId`) is the same and the second put overwrites the first.
 */
export interface UsageSpool {
  /** Appends records (one JSON line each) and fsyncs; rejects with a UsageWriteError naming the cause (a full disk included). */
  append(records: ReadonlyArray<UsageRecord>): Promise<void>;
  /** Records waiting in the spool. */
  readonly size: number;
  /** Lines skipped since the spool was opened: a torn last line from a crash, or lines that are not records. */
  readonly skipped: number;
  /** Writes every spooled record through `write`, 25 at a time, forgetting each batch once written; resolves with how many were written. */
  replay(write: (records: UsageRecord[]) => Promise<void>): Promise<number>;
}

export interface UsageSpoolOptions {
  /** e.g. `<dataDir>/usage-spool.jsonl` */
  path: string;
  /** Told about every skipped line. */
  onProblem?: (message: string) => void;
}

const readChunkBytes = 64 * 1024;

export async function openUsageSpool(options: UsageSpoolOptions): Promise<UsageSpool> {
  const file = options.path;
  const offsetFile = `${file}.offset`;
  const report = options.onProblem ?? (() => {});
  await mkdir(path.dirname(file), { recursive: true });
  let length = await fileLength(file);
  let offset = await readOffset(offsetFile);
  if (offset > length) {
    // The file was started over after a replay, but the offset not yet saved: everything left is new.
    offset = 0;
    await saveOffset(offsetFile, 0);
  }
  let size = 0;
  let skipped = 0;
  let lastLineEnd = offset;
  for await (const line of readLines(file, offset, length)) {
    lastLineEnd = line.end;
    if (parseRecord(line.text) !== undefined) {
      size += 1;
    } else {
      skipped += 1;
      report(`usage spool ${file}: skipped a line that is not a usage record (ending at byte ${line.end})`);
    }
  }
  if (lastLineEnd < length) {
    skipped += 1;
    report(`usage spool ${file}: skipped a torn last line (${length - lastLineEnd} bytes), left by an interrupted write`);
    await truncate(file, lastLineEnd);
    length = lastLineEnd;
  }

  let queue: Promise<unknown> = Promise.resolve();
  /** File changes (appends, starting over) run one at a time. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const replayAll = async (write: (records: UsageRecord[]) => Promise<void>): Promise<number> => {
    const end = length;
    let written = 0;
    let batch: UsageRecord[] = [];
    let batchEnd = offset;
    const commit = async (): Promise<void> => {
      if (batch.length > 0) await write(batch);
      written += batch.length;
      size -= batch.length;
      batch = [];
      offset = batchEnd;
      await saveOffset(offsetFile, offset);
    };
    for await (const line of readLines(file, offset, end)) {
      const record = parseRecord(line.text);
      if (record !== undefined) batch.push(record);
      batchEnd = line.end;
      if (batch.length === batchSize) await commit();
    }
    if (batchEnd > offset) await commit();
    await exclusive(async () => {
      if (length === 0 || offset < length) return;
      // Offset first: a crash between the two replays the file again, which is harmless; the other order could skip records.
      await saveOffset(offsetFile, 0);
      offset = 0;
      await truncate(file, 0);
      length = 0;
    });
    return written;
  };

  let replaying: Promise<number> | undefined;
  return {
    append(records) {
      if (records.length === 0) return Promise.resolve();
      const bytes = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
      return exclusive(async () => {
        try {
          await appendDurably(file, bytes);
        } catch (error) {
          // A partial write (a full disk) would leave a torn line in the middle of the file: cut it off.
          await truncate(file, length).catch(() => undefined);
          throw new UsageWriteError(`${records.length} usage records could not be written to the spool ${file}: ${describeFileError(error)}`, [...records], {
            cause: error,
          });
        }
        length += bytes.length;
        size += records.length;
      });
    },
    get size() {
      return size;
    },
    get skipped() {
      return skipped;
    },
    replay(write) {
      replaying ??= replayAll(write).finally(() => {
        replaying = undefined;
      });
      return replaying;
    },
  };
}

async function appendDurably(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'a');
  try {
    for (let written = 0; written < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Complete lines between `start` and `end`, each with the file offset just past its newline. */
async function* readLines(file: string, start: number, end: number): AsyncGenerator<{ text: string; end: number }> {
  if (start >= end) return;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(readChunkBytes);
    let carry = Buffer.alloc(0);
    for (let position = start; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) return;
      position += bytesRead;
      const data = carry.length === 0 ? buffer.subarray(0, bytesRead) : Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
      const dataStart = position - data.length;
      let lineStart = 0;
      for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, lineStart)) {
        yield { text: data.toString('utf8', lineStart, newline), end: dataStart + newline + 1 };
        lineStart = newline + 1;
      }
      carry = Buffer.from(data.subarray(lineStart));
    }
  } finally {
    await handle.close();
  }
}

function parseRecord(text: string): UsageRecord | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const candidate = value as Record<string, unknown>;
    const keyed = ['keyId', 'timestamp', 'requestId'].every((field) => typeof candidate[field] === 'string');
    return keyed && typeof candidate.inputTokens === 'number' && typeof candidate.outputTokens === 'number' ? (value as UsageRecord) : undefined;
  } catch {
    return undefined;
  }
}

async function fileLength(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function readOffset(offsetFile: string): Promise<number> {
  try {
    const offset = Number((await readFile(offsetFile, 'utf8')).trim());
    return Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Written aside and renamed, so a crash leaves the old offset or the new one, never a torn one. */
async function saveOffset(offsetFile: string, offset: number): Promise<void> {
  const temporary = `${offsetFile}.tmp`;
  await writeFile(temporary, String(offset));
  await rename(temporary, offsetFile);
}

function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return 'the disk is full (ENOSPC)';
  if (code === 'EDQUOT') return 'the disk quota is exhausted (EDQUOT)';
  return error instanceof Error ? error.message : String(error);
}
