/**
 * The LevelDB binding dynalite loads, with two corrections applied before dynalite opens its
 * database: bounded open table files, and iterators that close when dynalite is done with them.
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
