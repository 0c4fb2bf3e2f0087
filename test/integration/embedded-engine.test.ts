import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, ListTablesCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../src/store/create-dynamodb-client.js';
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

/** The engine's answer to a DynamoDB ListTables call, through the client the store itself uses. */
async function listTables(url: string): Promise<string[] | undefined> {
  const client = createDynamoDbClient({ kind: 'endpoint', endpoint: url, region: 'us-east-1' });
  try {
    return (await client.send(new ListTablesCommand({}))).TableNames;
  } finally {
    client.destroy();
  }
}

describe('the embedded engine', () => {
  it('answers DynamoDB calls, and lets the same data be opened again after a close', async () => {
    const dataDir = freshDataDir();
    const engine = await startEmbeddedEngine(dataDir);
    try {
      expect(engine.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await listTables(engine.url)).toEqual([]);
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

  it.skipIf(!existsSync('/proc/self/maps'))('keeps at most 64 table files mapped, however much data it holds', async () => {
    const dataDir = freshDataDir();
    const engine = await startEmbeddedEngine(dataDir);
    const client = createDynamoDbClient({ kind: 'endpoint', endpoint: engine.url, region: 'us-east-1' });
    try {
      await client.send(
        new CreateTableCommand({
          TableName: 'bulk',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // About 170 MB that does not compress: LevelDB cuts it into some 80 table files of 2 MB.
      for (let index = 0; index < 440; index += 1) {
        const filler = randomBytes(290_000).toString('base64');
        await client.send(new PutItemCommand({ TableName: 'bulk', Item: { id: { S: `item-${index}` }, filler: { S: filler } } }));
      }
      const databaseDir = path.join(dataDir, 'dynalite');
      const tableFiles = readdirSync(databaseDir).filter((name) => name.endsWith('.ldb'));
      const mappedTableFiles = new Set(
        readFileSync('/proc/self/maps', 'utf8')
          .split('\n')
          .map((line) => line.slice(line.indexOf('/')))
          .filter((file) => file.startsWith(`${databaseDir}/`) && file.endsWith('.ldb')),
      );
      expect(tableFiles.length).toBeGreaterThan(64);
      expect(mappedTableFiles.size).toBeGreaterThan(0);
      expect(mappedTableFiles.size).toBeLessThanOrEqual(64);
    } finally {
      client.destroy();
      await engine.close();
    }
  });

  it('closes the LevelDB iterators of Scan and Query, so old table files are deleted after compaction', async () => {
    const dataDir = freshDataDir();
    const engine = await startEmbeddedEngine(dataDir);
    const client = createDynamoDbClient({ kind: 'endpoint', endpoint: engine.url, region: 'us-east-1' });
    const databaseDir = path.join(dataDir, 'dynalite');
    const tableFileBytes = () =>
      readdirSync(databaseDir)
        .filter((name) => name.endsWith('.ldb'))
        .reduce((sum, name) => sum + statSync(path.join(databaseDir, name)).size, 0);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: 'bulk',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      // About 60 MB that does not compress, with a one-item Scan after every 3 MB: an iterator left
      // open keeps the table files of its moment on disk after compaction has replaced them.
      let written = 0;
      for (let index = 0; index < 160; index += 1) {
        const filler = randomBytes(290_000).toString('base64');
        written += filler.length;
        await client.send(new PutItemCommand({ TableName: 'bulk', Item: { id: { S: `item-${index}` }, filler: { S: filler } } }));
        if (index % 8 === 7) await client.send(new ScanCommand({ TableName: 'bulk', Limit: 1 }));
      }
      expect(tableFileBytes()).toBeLessThan(written * 1.5);
    } finally {
      client.destroy();
      await engine.close();
    }
  });
});
