import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, type DynamoDBClient, ListTablesCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
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

/**
 * A fresh engine with a table `bulk`, for tests that fill LevelDB with data that does not compress;
 * `putFiller` writes one item of about 387 KB and returns its filler's length.
 */
async function withBulkTable(
  test: (engine: { client: DynamoDBClient; databaseDir: string; putFiller(index: number): Promise<number> }) => Promise<void>,
): Promise<void> {
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
    const putFiller = async (index: number) => {
      const filler = randomBytes(290_000).toString('base64');
      await client.send(new PutItemCommand({ TableName: 'bulk', Item: { id: { S: `item-${index}` }, filler: { S: filler } } }));
      return filler.length;
    };
    await test({ client, databaseDir: path.join(dataDir, 'dynalite'), putFiller });
  } finally {
    client.destroy();
    await engine.close();
  }
}

/** LevelDB's table files in a database folder. */
const tableFiles = (databaseDir: string) => readdirSync(databaseDir).filter((name) => name.endsWith('.ldb'));

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
    await withBulkTable(async ({ databaseDir, putFiller }) => {
      // About 170 MB: LevelDB cuts it into some 80 table files of 2 MB.
      for (let index = 0; index < 440; index += 1) await putFiller(index);
      const mappedTableFiles = new Set(
        readFileSync('/proc/self/maps', 'utf8')
          .split('\n')
          .map((line) => line.slice(line.indexOf('/')))
          .filter((file) => file.startsWith(`${databaseDir}/`) && file.endsWith('.ldb')),
      );
      expect(tableFiles(databaseDir).length).toBeGreaterThan(64);
      expect(mappedTableFiles.size).toBeGreaterThan(0);
      expect(mappedTableFiles.size).toBeLessThanOrEqual(64);
    });
  });

  it('closes the LevelDB iterators of Scan and Query, so old table files are deleted after compaction', async () => {
    await withBulkTable(async ({ client, databaseDir, putFiller }) => {
      // About 60 MB, with a one-item Scan after every 3 MB: an iterator left open keeps the table
      // files of its moment on disk after compaction has replaced them.
      let written = 0;
      for (let index = 0; index < 160; index += 1) {
        written += await putFiller(index);
        if (index % 8 === 7) await client.send(new ScanCommand({ TableName: 'bulk', Limit: 1 }));
      }
      // Compaction goes on in the background: a file it deletes between the listing and the stat counts as 0.
      const sizeOf = (name: string) => statSync(path.join(databaseDir, name), { throwIfNoEntry: false })?.size ?? 0;
      const tableFileBytes = tableFiles(databaseDir).reduce((sum, name) => sum + sizeOf(name), 0);
      expect(tableFileBytes).toBeLessThan(written * 1.5);
    });
  });
});
