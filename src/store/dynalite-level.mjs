/**
 * The LevelDB binding dynalite loads, with four changes applied before dynalite opens its
 * database: bounded open table files, iterators that close when dynalite is done with them, reads
 * on the calling thread, and writes of one event-loop turn written as one batch.
 * Used by the embedded engine's thread, and by the benchmark's stand-alone store process so that
 * both run the same engine.
 */
import { createRequire } from 'node:module';

const { Level } = createRequire(createRequire(import.meta.url).resolve('dynalite'))('level');
let prepared = false;

/** @returns {unknown} the `Level` class dynalite's `require('level')` returns, corrected once. */
export function prepareDynaliteLevel() {
  if (!prepared) {
    boundOpenTableFiles(Level);
    closeIteratorsOnReturn(Level);
    readOnTheCallingThread(Level);
    coalesceWrites(Level);
    prepared = true;
  }
  return Level;
}

/**
 * LevelDB maps every table file it holds open into memory and by default holds up to 1,000 open,
 * so as the usage table grew the process's resident memory grew with it. 74 open files is LevelDB's
 * smallest setting: 10 for itself and 64 tables of about 2 MB, which bounds the mapped files at
 * about 135 MB. dynalite opens its database without options, so the setting is added where the
 * binding opens it.
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

/**
 * dynalite reads an item and its table's description before every write, and each asynchronous
 * LevelDB read is a round trip through libuv's thread pool: a queued job, a woken pool thread and a
 * completion event, which costs far more than the read itself (a memtable or block-cache lookup).
 * The engine has its own thread, so reading synchronously blocks nothing that answers requests.
 */
function readOnTheCallingThread(level) {
  if (typeof level?.prototype?._getSync !== 'function') return;
  level.prototype._get = async function getOnThisThread(key, options) {
    return this._getSync(key, options);
  };
}

/**
 * dynalite writes every item of a BatchWriteItem, and every index entry, with its own put, each a
 * thread-pool round trip. Puts and deletes issued in the same event-loop turn are queued instead and
 * written at the next turn as one LevelDB batch, in the order they were issued; each caller's
 * promise settles when the batch is written (or fails with it), so a caller that waits for its write
 * reads it back as before. A batch is synced if any of its writes asked to be. Closing the database
 * writes the queued batch first, as LevelDB would have finished writes already under way.
 */
function coalesceWrites(level) {
  const { _batch: writeBatch, _close: close } = level?.prototype ?? {};
  if (typeof writeBatch !== 'function' || typeof close !== 'function') return;
  const queued = Symbol('queuedWrites');
  level.prototype._put = function queuePut(key, value, options) {
    return queueWrite(this, { type: 'put', key, value }, options);
  };
  level.prototype._del = function queueDel(key, options) {
    return queueWrite(this, { type: 'del', key }, options);
  };
  level.prototype._close = async function closeAfterQueuedWrites() {
    await writeQueued(this).catch(() => undefined); // a failed batch is reported to its writers
    return close.call(this);
  };

  function queueWrite(database, operation, options) {
    let turn = database[queued];
    if (turn === undefined) {
      turn = { operations: [], sync: false };
      turn.written = new Promise((resolve, reject) => Object.assign(turn, { resolve, reject }));
      database[queued] = turn;
      setImmediate(() => writeQueued(database));
    }
    turn.operations.push(operation);
    if (options?.sync === true) turn.sync = true;
    return turn.written;
  }

  function writeQueued(database) {
    const turn = database[queued];
    if (turn === undefined) return Promise.resolve();
    database[queued] = undefined;
    const written = writeBatch.call(database, turn.operations, { sync: turn.sync });
    written.then(turn.resolve, turn.reject);
    return written;
  }
}
