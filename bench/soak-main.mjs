/**
 * `npm run soak`: the simulator and the proxy with its full pipeline in their own processes, loaded
 * by streaming clients for a fixed time, then by clients that read long streams slowly. Prints one
 * table and `soak: PASS` or `soak: FAIL <reasons>` (exit code 1).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUsageChecker } from './create-usage-checker.mjs';
import { describeMachine } from './describe-machine.mjs';
import { prepareStore } from './prepare-store.mjs';
import { readClockTicksPerSecond, sampleProcess } from './process-stats.mjs';
import { proxyHeaders } from './request-bodies.mjs';
import { parseSoakArguments } from './soak-arguments.mjs';
import { checkSoakRequests } from './soak-check.mjs';
import { formatSoakReport } from './soak-report.mjs';
import { longStreamBody, shortStreamBody, soakApis } from './soak-requests.mjs';
import { openSoakStore, startSoakServers } from './soak-servers.mjs';
import { runSlowPhase } from './soak-slow-phase.mjs';
import { runStreamingPhase } from './soak-streaming-phase.mjs';
import { waitForIdle } from './wait-for-idle.mjs';

/** What each slow reader reads. */
const slowReaderBytesPerSecond = 4096;
const settings = parseSoakArguments(process.argv.slice(2));
const given = process.argv.slice(2).join(' ');
const command = `npm run soak${given === '' ? '' : ` -- ${given}`}`;
/** @type {Set<import('./start-child.mjs').RunningChild>} */
const children = new Set();
const progress = (/** @type {string} */ line) => process.stderr.write(`[soak] ${line}\n`);

const stopChildren = async () => {
  // The proxy first: on SIGTERM it writes its last usage records to its store.
  const ordered = [...children].sort((left, right) => Number(right.name === 'proxy') - Number(left.name === 'proxy'));
  for (const child of ordered) await child.stop();
};
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'proxy-soak-'));
/** @type {Promise<void> | undefined} */
let cleaned;
const cleanUp = () => {
  cleaned ??= stopChildren().finally(() => rm(dataDir, { recursive: true, force: true }));
  return cleaned;
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.once(signal, () => {
    progress(`${signal}: stopping the servers`);
    cleanUp().finally(() => process.exit(130));
  });
}

let exitCode = 1;
try {
  exitCode = await runSoak();
} catch (error) {
  process.stderr.write(`soak failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

async function runSoak() {
  const machine = describeMachine(new Date());
  const ticksPerSecond = readClockTicksPerSecond();
  const { apiKey, keyId } = await prepareStore(dataDir);
  const servers = await startSoakServers({ dataDir, separateStore: settings.storeProcess, registry: children });
  progress(`simulator ${servers.simulator.url}, proxy ${servers.proxy.url}${servers.store === undefined ? '' : `, store ${servers.store.url}`}`);
  const store = await openSoakStore({ dataDir, store: servers.store });
  try {
    const usage = createUsageChecker({ store, keyId, maxMs: 120_000 });
    const headers = proxyHeaders(apiKey);
    const pids = { proxy: servers.proxy.pid, simulator: servers.simulator.pid, ...(servers.store === undefined ? {} : { store: servers.store.pid }) };
    const idle = () => waitForIdle({ pids: Object.values(pids), readCpuMicroseconds: (pid) => sampleProcess(pid, ticksPerSecond).cpuMicroseconds, maxMs: 60_000 });
    const shortRequests = soakApis.map(({ api, model }) => ({ api, body: shortStreamBody(model) }));
    const longRequests = soakApis.map(({ api, model }) => ({ api, body: longStreamBody(model) }));
    const checked = await checkSoakRequests({
      origin: servers.proxy.url,
      headers,
      requests: [
        ...shortRequests.map((request) => ({ ...request, kind: /** @type {const} */ ('short') })),
        ...(settings.slowReaders > 0 ? longRequests.map((request) => ({ ...request, kind: /** @type {const} */ ('long') })) : []),
      ],
    });
    await idle();

    const soak = await runStreamingPhase({ origin: servers.proxy.url, headers, requests: shortRequests, pids, ticksPerSecond, usage, settings, progress });
    const slow = settings.slowReaders > 0
      ? await runSlowPhase({
          urls: { proxy: servers.proxy.url, simulator: servers.simulator.url },
          pids,
          headers,
          requests: longRequests.map((request) => ({ ...request, streamBytes: checked.longBytes[request.api] ?? 0 })),
          usage,
          idle,
          settings: { readers: settings.slowReaders, durationSeconds: settings.slowSeconds, bytesPerSecond: slowReaderBytesPerSecond },
          progress,
        })
      : undefined;
    const report = formatSoakReport({ soak, slow, shortDeltas: checked.shortDeltas, machine, command });
    process.stdout.write(report.text);
    return report.failures.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
