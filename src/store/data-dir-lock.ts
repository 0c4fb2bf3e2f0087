import { link, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from './is-process-alive.js';

export interface DataDirLock {
  release(): Promise<void>;
}

export type LockAttempt = { acquired: true; lock: DataDirLock } | { acquired: false; holderPid: number | undefined };

/**
 * An exclusive claim on the data dir for whoever runs the embedded engine in-process, naming its
 * pid for the message another process shows. The file is complete before it appears (written
 * aside, then hard-linked into place, which fails if it exists). A lock whose process is gone is
 * taken over; one held by this very process counts as held (two stores in one process must not
 * open the same database either).
 */
export async function tryLockDataDir(dataDir: string, role: string): Promise<LockAttempt> {
  const lockPath = path.join(dataDir, 'engine.lock');
  const temporary = `${lockPath}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, JSON.stringify({ pid: process.pid, role, since: new Date().toISOString() }), {
    mode: 0o600,
  });
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(temporary, lockPath);
        return { acquired: true, lock: { release: () => releaseIfOurs(lockPath) } };
      } catch (error) {
        if (!(error instanceof Error) || Reflect.get(error, 'code') !== 'EEXIST') throw error;
      }
      const holder = await readHolder(lockPath);
      if (!holder.exists) continue;
      if (holder.pid === undefined || isProcessAlive(holder.pid)) return { acquired: false, holderPid: holder.pid };
      await rm(lockPath, { force: true });
    }
    return { acquired: false, holderPid: (await readHolder(lockPath)).pid };
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readHolder(lockPath: string): Promise<{ exists: boolean; pid?: number }> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (error instanceof Error && Reflect.get(error, 'code') === 'ENOENT') return { exists: false };
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const pid: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'pid') : undefined;
    return typeof pid === 'number' ? { exists: true, pid } : { exists: true };
  } catch {
    return { exists: true };
  }
}

async function releaseIfOurs(lockPath: string): Promise<void> {
  if ((await readHolder(lockPath)).pid === process.pid) await rm(lockPath, { force: true });
}

