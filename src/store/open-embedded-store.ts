import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDynamoDbClient, localCredentials } from './create-dynamodb-client.js';
import { createStore, type OpenedStore } from './create-store.js';
import { tryLockDataDir, type DataDirLock } from './data-dir-lock.js';
import { readEngineFile, removeEngineFile, writeEngineFile, type EngineFile } from './engine-file.js';
import { isProcessAlive } from './is-process-alive.js';
import { setupTables } from './setup-tables.js';
import { startEmbeddedEngine } from './start-embedded-engine.js';
import { StoreUnavailableError } from './store-unavailable-error.js';
import type { TableNames } from './types.js';

export interface OpenEmbeddedStoreOptions {
  dataDir: string;
  tables: TableNames;
  usageTtlDays: number;
  role: 'server' | 'client';
  now: () => Date;
}

/** A lock held by a short-lived command (keys, usage…) is waited for this long. */
const lockWaitMs = 5000;
const lockRetryMs = 100;
const engineProbeTimeoutMs = 1000;
/** dynalite accepts any region; the client needs one. */
const engineRegion = 'us-east-1';

/**
 * The embedded engine. A server holds it and advertises its address in `engine.json`; a client
 * uses that live engine when there is one, otherwise opens the data itself for its own lifetime.
 */
export async function openEmbeddedStore(options: OpenEmbeddedStoreOptions): Promise<OpenedStore> {
  const { dataDir } = options;
  const description = `embedded (${dataDir})`;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const deadline = performance.now() + lockWaitMs;
  for (;;) {
    const engine = await readEngineFile(dataDir);
    const live = engine !== undefined && isProcessAlive(engine.pid) ? engine : undefined;
    if (live !== undefined && options.role === 'server') {
      throw new StoreUnavailableError(
        `data dir ${dataDir} is in use by another proxy serve (pid ${live.pid}, engine at ${live.url})`,
      );
    }
    if (live !== undefined && (await engineAnswers(live.url))) {
      const client = createDynamoDbClient({ kind: 'endpoint', endpoint: live.url, region: engineRegion });
      return createStore({ ...options, client, description });
    }
    const attempt = await tryLockDataDir(dataDir, options.role);
    if (attempt.acquired) return openLocked({ ...options, description, lock: attempt.lock });
    if (performance.now() >= deadline) {
      const holder = attempt.holderPid === undefined ? 'another process' : `another process (pid ${attempt.holderPid})`;
      throw new StoreUnavailableError(`data dir ${dataDir} is in use by ${holder}`);
    }
    await sleep(lockRetryMs);
  }
}

interface OpenLockedOptions extends OpenEmbeddedStoreOptions {
  description: string;
  lock: DataDirLock;
}

async function openLocked(options: OpenLockedOptions): Promise<OpenedStore> {
  const releaseLock = () => options.lock.release();
  const engine = await startEmbeddedEngine(options.dataDir).catch(async (error: unknown) => {
    await releaseLock();
    throw error;
  });
  const client = createDynamoDbClient({ kind: 'endpoint', endpoint: engine.url, region: engineRegion });
  const advertised: EngineFile | undefined =
    options.role === 'server' ? { url: engine.url, pid: process.pid, startedAt: options.now().toISOString() } : undefined;
  const release = async () => {
    if (advertised !== undefined) await removeEngineFile(options.dataDir, advertised);
    await engine.close();
    await releaseLock();
  };
  try {
    await setupTables({ client, tables: options.tables });
    if (advertised !== undefined) await writeEngineFile(options.dataDir, advertised);
  } catch (error) {
    client.destroy();
    await release();
    throw error;
  }
  return createStore({ ...options, client, release });
}

/** A live pid is not enough: the engine must answer, or its address is stale. */
async function engineAnswers(url: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint: url, region: engineRegion, credentials: localCredentials, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(engineProbeTimeoutMs) });
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}
