/**
 * The store engine the proxy embeds (dynalite over the same corrected LevelDB, createTableMs 0),
 * run in its own process on the data directory the benchmark prepared, for `--store-process`: the
 * proxy then reaches it as a DynamoDB endpoint, and the memory the engine takes no longer counts as
 * the proxy's.
 * Prints its URL on one stdout line; stops on SIGTERM, SIGINT, or when the parent closes stdin.
 */
import dynalite from 'dynalite';
import { prepareDynaliteLevel } from '../dist/store/dynalite-level.mjs';

const databasePath = process.argv[2];
if (databasePath === undefined) throw new Error('usage: node soak-store-process.mjs <database folder>');
prepareDynaliteLevel();
const server = dynalite({ path: databasePath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('dynalite did not listen on a TCP port');
process.stdout.write(`http://127.0.0.1:${address.port}\n`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
