import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../src/store/types.js';
import { openUsageSpool } from '../../src/store/usage-spool.js';
import { UsageWriteError } from '../../src/store/write-usage-batches.js';

const record = (index: number): UsageRecord => ({
  keyId: 'key_spool',
  timestamp: new Date(Date.UTC(2030, 0, 1, 0, 0, index)).toISOString(),
  requestId: `req_${index}`,
  inputTokens: index,
  outputTokens: 2,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  tokensEstimated: false,
  latencyMs: 5,
  status: 200,
  success: true,
  stream: false,
});
const records = (from: number, count: number) => Array.from({ length: count }, (_, offset) => record(from + offset));
const ids = (list: ReadonlyArray<UsageRecord>) => list.map((entry) => entry.requestId);

/** A store that keeps items by request id and counts how often each was put. */
function countingStore(options: { failOnCall?: number } = {}) {
  const puts = new Map<string, number>();
  const batches: number[] = [];
  let calls = 0;
  const write = async (batch: UsageRecord[]) => {
    calls += 1;
    if (calls === options.failOnCall) throw new Error('the store went away');
    batches.push(batch.length);
    for (const entry of batch) puts.set(entry.requestId, (puts.get(entry.requestId) ?? 0) + 1);
  };
  return { write, puts, batches };
}

let directory: string;
let spoolPath: string;
beforeEach(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'usage-spool-'));
  spoolPath = path.join(directory, 'data', 'usage-spool.jsonl');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('openUsageSpool', () => {
  it('appends one JSON line per record and remembers them across openings', async () => {
    const spool = await openUsageSpool({ path: spoolPath });
    expect(spool.size).toBe(0);
    await spool.append(records(0, 2));
    await spool.append(records(2, 1));
    expect(spool.size).toBe(3);
    const lines = readFileSync(spoolPath, 'utf8').split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((line) => (JSON.parse(line) as UsageRecord).requestId)).toEqual(['req_0', 'req_1', 'req_2']);
    expect(lines[3]).toBe('');
    expect((await openUsageSpool({ path: spoolPath })).size).toBe(3);
  });

  it('replays everything in batches of 25, then starts the file over', async () => {
    const spool = await openUsageSpool({ path: spoolPath });
    await spool.append(records(0, 60));
    const store = countingStore();
    expect(await spool.replay(store.write)).toBe(60);
    expect(store.batches).toEqual([25, 25, 10]);
    expect([...store.puts.values()].every((count) => count === 1)).toBe(true);
    expect(store.puts.size).toBe(60);
    expect(spool.size).toBe(0);
    expect(statSync(spoolPath).size).toBe(0);
    expect(readFileSync(`${spoolPath}.offset`, 'utf8')).toBe('0');
    expect(await spool.replay(store.write)).toBe(0);
  });

  it('resumes a replay cut off midway where it stopped: every record written exactly once', async () => {
    const spool = await openUsageSpool({ path: spoolPath });
    await spool.append(records(0, 70));
    const store = countingStore({ failOnCall: 2 });
    const error: unknown = await spool.replay(store.write).catch((caught: unknown) => caught);
    expect(error).toEqual(new Error('the store went away'));
    expect(spool.size).toBe(45);
    expect(store.puts.size).toBe(25);

    // A new process opening the same file resumes from the saved offset.
    const reopened = await openUsageSpool({ path: spoolPath });
    expect(reopened.size).toBe(45);
    expect(await reopened.replay(store.write)).toBe(45);
    expect(store.puts.size).toBe(70);
    expect([...store.puts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
  });

  it('keeps records appended while a replay runs', async () => {
    const spool = await openUsageSpool({ path: spoolPath });
    await spool.append(records(0, 30));
    const written: string[] = [];
    let appended = false;
    const replayed = await spool.replay(async (batch) => {
      written.push(...ids(batch));
      if (!appended) {
        appended = true;
        await spool.append(records(100, 3));
      }
    });
    expect(replayed).toBe(30);
    expect(spool.size).toBe(3);
    expect(await spool.replay(async (batch) => void written.push(...ids(batch)))).toBe(3);
    expect(written).toEqual([...ids(records(0, 30)), 'req_100', 'req_101', 'req_102']);
    expect(spool.size).toBe(0);
  });

  it('skips and reports a torn last line left by a crash, and carries on after it', async () => {
    mkdirSync(path.dirname(spoolPath), { recursive: true });
    const good = records(0, 3).map((entry) => JSON.stringify(entry)).join('\n');
    writeFileSync(spoolPath, `${good}\n${JSON.stringify(record(3)).slice(0, 40)}`);
    const problems: string[] = [];
    const spool = await openUsageSpool({ path: spoolPath, onProblem: (message) => problems.push(message) });
    expect(spool.size).toBe(3);
    expect(spool.skipped).toBe(1);
    expect(problems).toEqual([`usage spool ${spoolPath}: skipped a torn last line (40 bytes), left by an interrupted write`]);
    expect(statSync(spoolPath).size).toBe(good.length + 1);
    await spool.append([record(4)]);
    const written: string[] = [];
    expect(await spool.replay(async (batch) => void written.push(...ids(batch)))).toBe(4);
    expect(written).toEqual(['req_0', 'req_1', 'req_2', 'req_4']);
  });

  it('skips and reports lines that are not usage records', async () => {
    mkdirSync(path.dirname(spoolPath), { recursive: true });
    writeFileSync(spoolPath, `${JSON.stringify(record(0))}\nnot json\n{"keyId":"k"}\n${JSON.stringify(record(1))}\n`);
    const problems: string[] = [];
    const spool = await openUsageSpool({ path: spoolPath, onProblem: (message) => problems.push(message) });
    expect([spool.size, spool.skipped, problems.length]).toEqual([2, 2, 2]);
    const written: string[] = [];
    expect(await spool.replay(async (batch) => void written.push(...ids(batch)))).toBe(2);
    expect(written).toEqual(['req_0', 'req_1']);
  });

  it('treats an offset past the end of the file (started over, offset not yet saved) as the start', async () => {
    mkdirSync(path.dirname(spoolPath), { recursive: true });
    writeFileSync(spoolPath, `${JSON.stringify(record(9))}\n`);
    writeFileSync(`${spoolPath}.offset`, '100000');
    const spool = await openUsageSpool({ path: spoolPath });
    expect(spool.size).toBe(1);
    expect(readFileSync(`${spoolPath}.offset`, 'utf8')).toBe('0');
  });

  it('rejects an append it cannot write with a UsageWriteError naming the spool and the cause', async () => {
    const spool = await openUsageSpool({ path: spoolPath });
    mkdirSync(spoolPath, { recursive: true });
    const error: unknown = await spool.append(records(0, 2)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageWriteError);
    expect((error as UsageWriteError).message).toMatch(new RegExp(`^2 usage records could not be written to the spool ${spoolPath}: .*EISDIR`));
    expect(ids((error as UsageWriteError).records)).toEqual(['req_0', 'req_1']);
    expect(spool.size).toBe(0);
  });

  it.skipIf(!existsSync('/dev/full'))('says so when the disk is full', async () => {
    const spool = await openUsageSpool({ path: '/dev/full' });
    const error: unknown = await spool.append([record(0)]).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('1 usage records could not be written to the spool /dev/full: the disk is full (ENOSPC)');
    expect(spool.size).toBe(0);
  });
});
