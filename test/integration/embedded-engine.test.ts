import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedEngine } from '../../src/store/start-embedded-engine.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable-error.js';

const dataDirs: string[] = [];
const freshDataDir = () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'proxy-engine-'));
  dataDirs.push(dataDir);
  return dataDir;
};
afterEach(() => {
  for (const dataDir of dataDirs.splice(0)) rmSync(dataDir, { recursive: true, force: true });
});

/** The engine's answer to a DynamoDB ListTables call (dynalite does not check signatures). */
async function listTables(url: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20261128/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
      'x-amz-date': '20261128T000000Z',
    },
    body: '{}',
  });
  return response.json();
}

describe('the embedded engine', () => {
  it('answers DynamoDB calls, and lets the same data be opened again after a close', async () => {
    const dataDir = freshDataDir();
    const engine = await startEmbeddedEngine(dataDir);
    try {
      expect(engine.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await listTables(engine.url)).toEqual({ TableNames: [] });
    } finally {
      await engine.close();
    }
    const again = await startEmbeddedEngine(dataDir);
    await again.close();
  });

  it('refuses a database another holder has open with a clear message', async () => {
    const dataDir = freshDataDir();
    const requireFromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
    const { Level } = requireFromDynalite('level') as { Level: new (location: string) => { open(): Promise<void>; close(): Promise<void> } };
    const holder = new Level(path.join(dataDir, 'dynalite'));
    await holder.open();
    try {
      const error: unknown = await startEmbeddedEngine(dataDir).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toBe(`data dir ${dataDir} is in use by another process (its database is locked)`);
    } finally {
      await holder.close();
    }
  });
});
