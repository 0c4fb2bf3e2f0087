/**
 * What one usage record costs to write into the embedded store, per thread of this process:
 * `node bench/usage-write-cost.mjs` (after `npm run build`). It opens a fresh data directory as
 * `proxy serve` does (the engine in its worker thread, the store's own DynamoDB client), then writes
 * rounds of usage records the way the proxy's usage writer does: BatchWriteItem calls of 25, four
 * at a time. CPU per thread comes from /proc/self/task; the engine's threads are those started since
 * the store opened (the engine's JavaScript thread, LevelDB's compaction thread); the other threads
 * are V8's helpers (garbage collection for both JavaScript threads) and libuv's pool.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../dist/config/load-config.js';
import { openConfiguredStore } from '../dist/open-configured-store.js';
import { readClockTicksPerSecond, readCpuMicroseconds } from './process-stats.mjs';

const rounds = 4;
const batchesPerRound = 400;
const recordsPerBatch = 25;
const batchesInFlight = 4;

const ticksPerSecond = readClockTicksPerSecond();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @returns {Map<string, number>} CPU microseconds per thread id of this process. */
function threadCpu() {
  const threads = new Map();
  for (const id of readdirSync('/proc/self/task')) threads.set(id, readCpuMicroseconds(`/proc/self/task/${id}/stat`, ticksPerSecond));
  return threads;
}

let sequence = 0;
/** A record like the benchmark's non-streaming requests leave. */
function usageRecord() {
  sequence += 1;
  return {
    keyId: 'key_usagecost',
    timestamp: new Date(Date.UTC(2026, 0, 1) + sequence).toISOString(),
    requestId: `req_usagecost_${sequence}`,
    model: 'claude-sonnet-4-5',
    bedrockModelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    api: 'invoke',
    inputTokens: 12,
    outputTokens: 9,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    tokensEstimated: false,
    latencyMs: 3,
    status: 200,
    success: true,
    stream: false,
    userAgent: 'autocannon',
  };
}

async function writeRound(store) {
  const inFlight = [];
  for (let batch = 0; batch < batchesPerRound; batch += 1) {
    inFlight.push(store.usage.writeBatch(Array.from({ length: recordsPerBatch }, usageRecord)));
    if (inFlight.length >= batchesInFlight) await inFlight.shift();
  }
  await Promise.all(inFlight);
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'proxy-usage-cost-'));
const threadsBefore = new Set(threadCpu().keys());
const store = await openConfiguredStore(loadConfig({ env: { DATA_DIR: dataDir } }), 'server');
try {
  const mainThread = String(process.pid);
  const records = batchesPerRound * recordsPerBatch;
  console.log('| Round | Records | This thread (client) µs/record | Engine threads µs/record | Other threads µs/record | All µs/record |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (let round = 1; round <= rounds; round += 1) {
    const before = threadCpu();
    await writeRound(store);
    // LevelDB compacts in the background after the writes; let it finish inside the round.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = threadCpu();
    const spent = (ids) => ids.reduce((sum, id) => sum + (after.get(id) ?? 0) - (before.get(id) ?? 0), 0) / records;
    const all = spent([...after.keys()]);
    const client = spent([mainThread]);
    const engine = spent([...after.keys()].filter((id) => !threadsBefore.has(id)));
    const cells = [client, engine, all - client - engine, all].map((value) => value.toFixed(0));
    console.log(`| ${round} | ${records} | ${cells.join(' | ')} |`);
  }
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
