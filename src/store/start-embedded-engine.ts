import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface EmbeddedEngine {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/**
 * Runs dynalite in this process on 127.0.0.1, persisting under `<dataDir>/dynalite`. Tables change
 * state instantly (no simulated CREATING delay).
 */
export async function startEmbeddedEngine(dataDir: string): Promise<EmbeddedEngine> {
  const databasePath = path.join(dataDir, 'dynalite');
  if (await isDatabaseLocked(databasePath)) {
    throw new StoreUnavailableError(`data dir ${dataDir} is in use by another process (its database is locked)`);
  }
  const server = dynalite({ path: databasePath, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * dynalite crashes the process when its LevelDB is locked by someone else, so the lock is tried
 * first with the same LevelDB binding dynalite itself loads.
 */
async function isDatabaseLocked(databasePath: string): Promise<boolean> {
  const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const levelModule: unknown = requireFromDynalite('level');
  const Level: unknown = typeof levelModule === 'object' && levelModule !== null ? Reflect.get(levelModule, 'Level') : undefined;
  if (typeof Level !== 'function') return false;
  const database = Reflect.construct(Level, [databasePath]) as LevelDatabase;
  try {
    await database.open();
  } catch (error) {
    const cause: unknown = error instanceof Error ? error.cause : undefined;
    if (cause instanceof Error && Reflect.get(cause, 'code') === 'LEVEL_LOCKED') return true;
    throw error;
  }
  await database.close();
  return false;
}
