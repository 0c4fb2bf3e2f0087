/**
 * `npm run bench`: the simulator, a bare pass-through and the proxy with its full pipeline, each in
 * its own process, loaded side by side in one run; prints one Markdown report (and writes it with
 * `--out FILE`). Exits non-zero when a run had errors or the usage records do not add up.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkSetups } from './check-setups.mjs';
import { createUsageChecker } from './create-usage-checker.mjs';
import { describeMachine } from './describe-machine.mjs';
import { evaluateTargets } from './evaluate-targets.mjs';
import { formatReport } from './format-report.mjs';
import { measureFirstByteRow } from './measure-first-byte-row.mjs';
import { measureLoadRow, warmUp } from './measure-load-row.mjs';
import { openBenchStore } from './open-bench-store.mjs';
import { parseArguments } from './parse-arguments.mjs';
import { planScenarios } from './plan-scenarios.mjs';
import { prepareStore } from './prepare-store.mjs';
import { readClockTicksPerSecond } from './process-stats.mjs';
import { startServers } from './start-servers.mjs';

/** @typedef {import('./measure-load-row.mjs').Row} Row */

const settings = parseArguments(process.argv.slice(2));
const command = `npm run bench --${settings.quick ? ' --quick' : ''}${settings.out === undefined ? '' : ` --out ${settings.out}`}`;
/** @type {Set<import('./start-child.mjs').RunningChild>} */
const children = new Set();
const progress = (/** @type {string} */ line) => process.stderr.write(`[bench] ${line}\n`);

const stopChildren = async () => {
  // The proxy first: on SIGTERM it writes its last usage records to its own engine.
  const ordered = [...children].sort((left, right) => Number(right.name === 'proxy') - Number(left.name === 'proxy'));
  for (const child of ordered) await child.stop();
};
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'proxy-bench-'));
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
  exitCode = await runBench();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await cleanUp();
}
process.exit(exitCode);

async function runBench() {
  const machine = describeMachine(new Date());
  const ticksPerSecond = readClockTicksPerSecond();
  const { apiKey, keyId } = await prepareStore(dataDir);
  const servers = await startServers({ dataDir, registry: children });
  progress(`simulator ${servers.simulator.url}, pass-through ${servers['pass-through'].url}, proxy ${servers.proxy.url}`);
  const store = await openBenchStore(dataDir);
  try {
    const plan = planScenarios({ quick: settings.quick, apiKey });
    const benchPids = Object.values(servers).map((server) => server.pid);
    const context = { servers, benchPids, ticksPerSecond, quietWaitMaxMs: plan.quietWaitMaxMs, usage: createUsageChecker({ store, keyId }), progress };
    const deltas = await checkSetups(context, plan.loads);

    /** @type {Row[]} */
    const rows = [];
    const warm = new Set();
    // Connection counts in the outer loop, so the runs compared in one ratio are close in time.
    const counts = [...new Set(plan.loads.flatMap((scenario) => scenario.connections))].sort((left, right) => left - right);
    for (const connections of counts) {
      for (const scenario of plan.loads.filter((candidate) => candidate.connections.includes(connections))) {
        if (!warm.has(scenario)) {
          await warmUp(context, { scenario, durationSeconds: plan.warmupSeconds });
          warm.add(scenario);
        }
        rows.push(await measureLoadRow(context, { scenario, connections, durationSeconds: plan.durationSeconds }));
      }
    }
    rows.sort((left, right) => tableOrder(plan.loads, left) - tableOrder(plan.loads, right) || left.connections - right.connections);
    for (const scenario of plan.firstBytes) rows.push(await measureFirstByteRow(context, { scenario, limits: plan.firstByteLimits }));
    for (let run = 1; run <= plan.memorySeries.runs; run += 1) {
      const { scenario, connections } = plan.memorySeries;
      rows.push(await measureLoadRow(context, { scenario, connections, durationSeconds: plan.durationSeconds, note: `memory series ${run}/${plan.memorySeries.runs}` }));
    }

    const targets = evaluateTargets({ rows, deltas });
    const report = formatReport({ rows, targets, deltas, machine, command, settings: { durationSeconds: plan.durationSeconds, quick: settings.quick } });
    process.stdout.write(report);
    if (settings.out !== undefined) await writeFile(settings.out, fileHeader() + report);
    const broken = rows.filter((row) => row.non2xx + row.errors > 0 || row.usage?.matches === false);
    for (const row of broken) progress(`✗ ${row.setup}, ${row.kind}, ${row.connections} conn: non-2xx ${row.non2xx}, errors ${row.errors}, usage ${row.usage?.actual ?? '—'}/${row.usage?.expected ?? '—'}`);
    return broken.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** @param {import('./plan-scenarios.mjs').LoadScenario[]} loads @param {Row} row */
function tableOrder(loads, row) {
  return loads.findIndex((scenario) => scenario.setup === row.setup && scenario.kind === row.kind);
}

function fileHeader() {
  return [
    '# Benchmarks',
    '',
    `Produced by \`${command}\` (\`npm run build && node bench/run-bench.mjs\`; how it works and how to read it: [bench/README.md](../bench/README.md)).`,
    'The machine is a shared 2-core VM: absolute numbers move between runs, so each setup is compared',
    'with the bare pass-through measured in the same run (the `× pass-through` column and the targets).',
    '',
    '',
  ].join('\n');
}
