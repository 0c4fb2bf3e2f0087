import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, StoreUnavailableError, type OpenedStore } from '../../src/store/open-store.js';
import { resolveTableNames } from '../../src/store/table-names.js';

const tables = resolveTableNames({ prefix: 'anthropic-proxy-' });
let dataDir: string;
const opened: OpenedStore[] = [];

const open = async (role: 'server' | 'client', directory = dataDir) => {
  const store = await openStore({ location: { kind: 'embedded', dataDir: directory }, tables, usageTtlDays: 90, role });
  opened.push(store);
  return store;
};

const mapping = (id: string) => ({ anthropicModelId: id, bedrockModelId: `anthropic.${id}-v1:0`, api: 'converse' as const });

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 0;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'proxy-embedded-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded engine', () => {
  it('a server advertises its engine, and a client connects through it and sees writes live', async () => {
    const server = await open('server');
    const engine: unknown = JSON.parse(await readFile(path.join(dataDir, 'engine.json'), 'utf8'));
    expect(engine).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), pid: process.pid, startedAt: expect.any(String) });
    expect(server.description).toBe(`embedded (${dataDir})`);

    const client = await open('client');
    await server.modelMappings.put(mapping('from-server'));
    expect((await client.modelMappings.get('from-server'))?.bedrockModelId).toBe('anthropic.from-server-v1:0');
    await client.modelMappings.put(mapping('from-client'));
    expect((await server.modelMappings.list()).map((entry) => entry.anthropicModelId)).toEqual(['from-client', 'from-server']);

    await client.close();
    expect(await server.modelMappings.get('from-client')).toBeDefined();
    await server.close();
    expect(existsSync(path.join(dataDir, 'engine.json'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'engine.lock'))).toBe(false);
  });

  it('with no server, a client opens the data itself and its writes persist for the next open', async () => {
    const nested = path.join(dataDir, 'created', 'here');
    const first = await open('client', nested);
    expect((await stat(nested)).mode & 0o777).toBe(0o700);
    expect(existsSync(path.join(nested, 'engine.json'))).toBe(false);
    const { record } = await first.apiKeys.create({ name: 'kept', userId: 'ada' });
    await first.close();

    const second = await open('client', nested);
    expect(await second.apiKeys.findById(record.id)).toEqual(record);
    await second.close();
    const server = await open('server', nested);
    expect(await server.apiKeys.findByHash(record.keyHash)).toEqual(record);
  });

  it('refuses a second server on the same data dir, naming the folder and the pid', async () => {
    await open('server');
    const error: unknown = await open('server').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toContain(`pid ${process.pid}`);
  });

  it('ignores a stale engine.json left by a process that is gone, and replaces it', async () => {
    const stale = { url: 'http://127.0.0.1:9', pid: deadPid(), startedAt: '2020-01-01T00:00:00.000Z' };
    await writeFile(path.join(dataDir, 'engine.json'), JSON.stringify(stale));
    const client = await open('client');
    await client.modelMappings.put(mapping('stale-check'));
    await client.close();

    const server = await open('server');
    const engine: unknown = JSON.parse(await readFile(path.join(dataDir, 'engine.json'), 'utf8'));
    expect(engine).toMatchObject({ pid: process.pid });
    expect(await server.modelMappings.get('stale-check')).toBeDefined();
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeFile(path.join(dataDir, 'engine.lock'), JSON.stringify({ pid: deadPid(), role: 'client' }));
    const store = await open('server');
    expect(await store.modelMappings.list()).toEqual([]);
  });

  it('a server waits for a short-lived command holding the data dir to finish', async () => {
    const command = await open('client');
    const serverOpening = open('server');
    await sleep(300);
    await command.close();
    const server = await serverOpening;
    expect(await server.modelMappings.list()).toEqual([]);
  });

  it('gives up on a data dir held for longer, naming the holder', async () => {
    await open('client');
    const error: unknown = await open('server').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(`data dir ${dataDir} is in use by another process (pid ${process.pid})`);
  });
});
