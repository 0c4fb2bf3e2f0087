import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Recorded Bedrock material lives beside the repository in ../shared and is not copied into it.
 * Tests that need it use these helpers and are skipped, with a visible reason, where it is absent.
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDirectory = path.resolve(repositoryRoot, '..', 'shared');
export const sharedAvailable = existsSync(path.join(sharedDirectory, 'fixtures'));

if (!sharedAvailable) {
  console.warn(`[skip] ../shared not found next to the repository: tests on recorded Bedrock fixtures are skipped`);
}

export function sharedFixturePath(relativePath: string): string {
  return path.join(sharedDirectory, 'fixtures', relativePath);
}

export function readSharedFixture(relativePath: string): string {
  return readFileSync(sharedFixturePath(relativePath), 'utf8');
}

export function readSharedJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readSharedFixture(relativePath)) as T;
}

/** Parses a `*.chunks.txt` recording: one `{"<eventType>": payload}` JSON object per line. */
export function readSharedChunks(relativePath: string): Array<Record<string, unknown>> {
  return readSharedFixture(relativePath)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
