import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface TestLevel {
  open(): Promise<void>;
  close(): Promise<void>;
  put(key: string, value: unknown, options?: { sync?: boolean }): Promise<void>;
  del(key: string): Promise<void>;
  get(key: string): Promise<unknown>;
  getSync(key: string): unknown;
}
type LevelClass = new (location: string, options: { valueEncoding: string }) => TestLevel;

// A plain .mjs module (the engine's thread loads it from the sources and the build alike), so it is
// imported by URL and typed here.
const levelModule = new URL('../../src/store/dynalite-level.mjs', import.meta.url).href;
const { prepareDynaliteLevel } = (await import(levelModule)) as { prepareDynaliteLevel(): unknown };

const opened: { database: TestLevel; dir: string }[] = [];
afterEach(async () => {
  for (const { database, dir } of opened.splice(0)) {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function openDatabase(): Promise<TestLevel> {
  const Level = prepareDynaliteLevel() as LevelClass;
  const dir = mkdtempSync(path.join(tmpdir(), 'proxy-level-'));
  const database = new Level(path.join(dir, 'db'), { valueEncoding: 'json' });
  await database.open();
  opened.push({ database, dir });
  return database;
}

describe('the LevelDB binding the embedded engine runs on', () => {
  it('writes everything issued in one turn, and each write is readable once its promise settles', async () => {
    const database = await openDatabase();
    const writes = Array.from({ length: 200 }, (_, index) => database.put(`item-${index}`, { index }));
    expect(database.getSync('item-0')).toBeUndefined();
    await writes[0];
    for (let index = 0; index < 200; index += 1) expect(database.getSync(`item-${index}`)).toEqual({ index });
    await Promise.all(writes);
  });

  it('applies the writes of one turn in the order they were issued', async () => {
    const database = await openDatabase();
    await database.put('kept', 'before');
    await Promise.all([
      database.put('deleted', 'soon gone'),
      database.del('deleted'),
      database.del('kept'),
      database.put('kept', 'after'),
      database.put('overwritten', 1),
      database.put('overwritten', 2),
    ]);
    expect(await database.get('deleted')).toBeUndefined();
    expect(await database.get('kept')).toBe('after');
    expect(await database.get('overwritten')).toBe(2);
  });

  it('keeps writes of later turns apart from a batch already written, synced or not', async () => {
    const database = await openDatabase();
    await database.put('first', 1);
    await Promise.all([database.put('second', 2, { sync: true }), database.put('third', 3)]);
    await database.put('first', 'again');
    expect([await database.get('first'), await database.get('second'), await database.get('third')]).toEqual(['again', 2, 3]);
  });

  it('reads on the calling thread, with the asynchronous API unchanged', async () => {
    const database = await openDatabase();
    expect(await database.get('missing')).toBeUndefined();
    await database.put('present', { nested: ['value'] });
    const order: string[] = [];
    const read = database.get('present').then((value) => order.push(`read ${JSON.stringify(value)}`));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('next turn');
    await read;
    // A read through the thread pool could only complete in a later turn of the event loop.
    expect(order).toEqual(['read {"nested":["value"]}', 'next turn']);
  });

  it('writes what was queued before the database closes', async () => {
    const database = await openDatabase();
    const writes = [database.put('a', 1), database.del('a'), database.put('b', 2)];
    await database.close();
    await Promise.all(writes);
    await database.open();
    expect([await database.get('a'), await database.get('b')]).toEqual([undefined, 2]);
  });
});
