import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What `proxy serve` writes into the data dir so other commands reach its engine. */
export interface EngineFile {
  url: string;
  pid: number;
  startedAt: string;
}

export function engineFilePath(dataDir: string): string {
  return path.join(dataDir, 'engine.json');
}

/** The engine file, or undefined when it is missing or unreadable. */
export async function readEngineFile(dataDir: string): Promise<EngineFile | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(engineFilePath(dataDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const url: unknown = Reflect.get(parsed, 'url');
  const pid: unknown = Reflect.get(parsed, 'pid');
  const startedAt: unknown = Reflect.get(parsed, 'startedAt');
  if (typeof url !== 'string' || typeof pid !== 'number' || typeof startedAt !== 'string') return undefined;
  return { url, pid, startedAt };
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export async function writeEngineFile(dataDir: string, engine: EngineFile): Promise<void> {
  const target = engineFilePath(dataDir);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(engine, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, target);
}

/** Removes the engine file if it still describes `engine` (a newer server may have replaced it). */
export async function removeEngineFile(dataDir: string, engine: EngineFile): Promise<void> {
  const current = await readEngineFile(dataDir);
  if (current?.pid === engine.pid && current.url === engine.url) await rm(engineFilePath(dataDir), { force: true });
}
