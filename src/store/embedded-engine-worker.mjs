/**
 * The embedded engine's thread: dynalite over LevelDB on 127.0.0.1, off the proxy's main thread so
 * that writing usage never competes with answering requests. Started by start-embedded-engine.ts
 * with `workerData.databasePath`; reports `{ type: 'listening', port }` or
 * `{ type: 'failed', locked, message }`; on the message 'close' it closes the server and the
 * database, then its thread ends.
 */
import dynalite from 'dynalite';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
if (port === null) throw new Error('embedded-engine-worker.mjs runs as a worker thread');
const { databasePath } = workerData;
/** The LevelDB binding dynalite itself loads. */
const { Level } = createRequire(createRequire(import.meta.url).resolve('dynalite'))('level');
boundOpenTableFiles(Level);
closeIteratorsOnReturn(Level);

try {
  if (await isDatabaseLocked(databasePath)) {
    port.postMessage({ type: 'failed', locked: true, message: 'its database is locked' });
  } else {
    const server = dynalite({ path: databasePath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve(undefined);
      });
    });
    port.on('message', (message) => {
      if (message !== 'close') return;
      server.close(() => port.close());
      // Keep-alive connections of clients in other processes would hold the close back.
      server.closeIdleConnections?.();
    });
    port.postMessage({ type: 'listening', port: server.address().port });
  }
} catch (error) {
  port.postMessage({ type: 'failed', locked: false, message: error instanceof Error ? error.message : String(error) });
}

/**
 * dynalite brings its thread down when its LevelDB is locked by someone else, so the lock is tried
 * first with the same LevelDB binding dynalite itself loads.
 */
async function isDatabaseLocked(path) {
  if (typeof Level !== 'function') return false;
  const database = new Level(path);
  try {
    await database.open();
  } catch (error) {
    if (error?.cause?.code === 'LEVEL_LOCKED') return true;
    throw error;
  }
  await database.close();
  return false;
}

/**
 * LevelDB maps every table file it holds open into memory and by default holds up to 1,000 open,
 * so as the usage table grew the process's resident memory grew with it (about 150 MB in a
 * five-minute soak). 74 open files is LevelDB's smallest setting: 10 for itself and 64 tables of
 * about 2 MB, which bounds the mapped files at about 135 MB. dynalite opens its database without
 * options, so the setting is added where the binding opens it.
 */
function boundOpenTableFiles(level) {
  if (typeof level?.prototype?._open !== 'function') return;
  const open = level.prototype._open;
  level.prototype._open = function openWithBoundedFiles(options) {
    return open.call(this, { ...options, maxOpenFiles: 74 });
  };
}

/**
 * dynalite reads Scan and Query results through a stream whose end, or early stop at `Limit`,
 * calls `return()` on the LevelDB iterator; abstract-level 3 iterators have only `close()`, so every
 * Scan and Query left an iterator open, and each pinned the memtable and table files of its moment
 * (the proxy scans its model mappings every MODEL_MAPPING_CACHE_TTL, `proxy usage` queries on
 * every refresh). Iterators the engine creates get a `return()` that closes them.
 */
function closeIteratorsOnReturn(level) {
  for (const method of ['iterator', 'keys', 'values']) {
    const create = level?.prototype?.[method];
    if (typeof create !== 'function') continue;
    level.prototype[method] = function createClosableIterator(...args) {
      const iterator = create.apply(this, args);
      if (typeof iterator.return !== 'function') iterator.return = () => iterator.close();
      return iterator;
    };
  }
}
