import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from './store-unavailable-error.js';

export interface EmbeddedEngine {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

type WorkerReport = { type: 'listening'; port: number } | { type: 'failed'; locked: boolean; message: string };

/**
 * The engine's young generation is held to 8 MB (V8's default is 48): its garbage is short-lived
 * request data, so this saves resident memory at no measured cost in CPU per usage record.
 */
const engineThreadLimits = { maxYoungGenerationSizeMb: 8 };

/** A `.mjs` file, so the same path works from the sources and from the build. */
const workerFile = new URL('./embedded-engine-worker.mjs', import.meta.url);

/**
 * Runs dynalite in a worker thread of this process on 127.0.0.1, persisting under
 * `<dataDir>/dynalite`. Tables change state instantly (no simulated CREATING delay). Its own thread
 * keeps the engine's work (validation, LevelDB, its garbage) off the thread that answers requests.
 */
export async function startEmbeddedEngine(dataDir: string): Promise<EmbeddedEngine> {
  const worker = new Worker(workerFile, { workerData: { databasePath: path.join(dataDir, 'dynalite') }, resourceLimits: engineThreadLimits });
  const report = await new Promise<WorkerReport>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the embedded engine's thread ended (code ${code}) before it listened`)));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw new StoreUnavailableError(`the embedded engine did not start in ${dataDir}: ${String(error)}`, { cause: error });
  });
  worker.removeAllListeners();
  if (report.type === 'failed') {
    await worker.terminate();
    throw new StoreUnavailableError(
      report.locked ? `data dir ${dataDir} is in use by another process (its database is locked)` : `the embedded engine did not start in ${dataDir}: ${report.message}`,
    );
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A broken engine thread must not bring the proxy down: the store then answers as unavailable
  // (usage goes to the spool), and the cause is printed once.
  worker.on('error', (error) => process.emitWarning(`the embedded engine's thread failed: ${error.message}`));
  worker.unref();
  return {
    url: `http://127.0.0.1:${report.port}`,
    close: async () => {
      // Held open until LevelDB is closed: the process must not end with the database half-written.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
