/**
 * The embedded engine's thread: dynalite over LevelDB on 127.0.0.1, off the proxy's main thread so
 * that writing usage never competes with answering requests. Started by start-embedded-engine.ts
 * with `workerData.databasePath`; reports `{ type: 'listening', port }` or
 * `{ type: 'failed', locked, message }`; on the message 'close' it closes the server and the
 * database, then its thread ends.
 */
import dynalite from 'dynalite';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareDynaliteLevel } from './dynalite-level.mjs';

const port = parentPort;
if (port === null) throw new Error('embedded-engine-worker.mjs runs as a worker thread');
const { databasePath } = workerData;
const Level = prepareDynaliteLevel();

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
