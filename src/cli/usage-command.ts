import type { Command } from 'commander';
import { z } from 'zod';
import { aggregateUsage } from '../dashboard/aggregate-usage.js';
import { formatUsageTables } from '../dashboard/format-usage-tables.js';
import { defaultFormatters } from '../dashboard/formatters.js';
import { createUsageLoader, type UsageSource } from '../dashboard/load-usage.js';
import { parseSince } from '../dashboard/parse-since.js';
import { resolveKey } from '../dashboard/resolve-key.js';
import type { UsageSummary } from '../dashboard/usage-summary.js';
import { windowNames, windowRange, type TimeRange } from '../dashboard/usage-window.js';
import { UsageError } from './cli-error.js';
import { loadCommandConfig, withStore } from './command-context.js';
import { printJson, printLine } from './output.js';
import { storeCommand, wantsJson } from './store-command.js';

const refreshRange = '--refresh must be from 1 to 3600 seconds';

const usageFlagsSchema = z.object({
  window: z.enum(windowNames, { error: `--window must be one of ${windowNames.join(', ')}` }),
  since: z.string().optional(),
  key: z.string().min(1, '--key must not be empty').optional(),
  model: z.string().min(1, '--model must not be empty').optional(),
  tui: z.boolean(),
  refresh: z.coerce.number({ error: refreshRange }).min(1, refreshRange).max(3600, refreshRange),
});
type UsageFlags = z.infer<typeof usageFlagsSchema>;

export function makeUsageCommand(): Command {
  return storeCommand('usage', 'live usage dashboard; with --json or --no-tui (or when not in a terminal) prints the numbers once')
    .option('--window <window>', `time window: ${windowNames.join(', ')}`, '1h')
    .option('--since <time>', 'start of the range for one-shot output: a duration (2h, 30m, 7d) or an ISO 8601 time; overrides --window')
    .option('--key <id-or-name>', 'only this key (its id, or its name when only one key has it)')
    .option('--model <id>', 'only requests for this model id (as clients asked for it)')
    .option('--no-tui', 'print tables once instead of the live view')
    .option('--refresh <seconds>', 'seconds between refreshes of the live view', '3')
    .action(async (rawFlags: unknown, command: Command) => {
      const parsed = usageFlagsSchema.safeParse(rawFlags);
      if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid options');
      const flags = parsed.data;
      const live = !wantsJson(command) && flags.tui && process.stdout.isTTY === true && process.stdin.isTTY === true;
      if (!live) return printOnce(command, flags);
      if (flags.since !== undefined) throw new UsageError('--since is for one-shot output (--json or --no-tui); the live view uses --window');
      return runLive(command, flags);
    });
}

async function printOnce(command: Command, flags: UsageFlags): Promise<void> {
  const now = new Date();
  const range: TimeRange = flags.since === undefined ? windowRange(flags.window, now) : { since: usageInput(() => parseSince(flags.since ?? '', now)), until: now };
  const summary = await withStore(command, async (store) => {
    const keyId = await keyOption(store, flags.key);
    const loaded = await createUsageLoader({ keyId }).load(store, range);
    // `--key` already limited what was read; as the key filter it is also named in the summary.
    return aggregateUsage(loaded.records, { window: range, now, keyNames: loaded.keyNames, keyFilter: keyId, model: flags.model });
  });
  if (wantsJson(command)) printJson(summary);
  else printLine(formatUsageTables(summary, defaultFormatters));
}

/**
 * The embedded data is opened for each refresh only (a few tens of milliseconds), so the dashboard
 * never keeps a `serve` from starting on it, and moves to a serve's live engine once one runs.
 * Other stores stay open for the whole run.
 */
async function runLive(command: Command, flags: UsageFlags): Promise<void> {
  const embedded = loadCommandConfig(command).store.kind === 'embedded';
  const run = async (useStore: <T>(work: (store: UsageSource) => Promise<T>) => Promise<T>) => {
    const keyId = await useStore((store) => keyOption(store, flags.key));
    const loader = createUsageLoader({ keyId });
    let inFlight: Promise<unknown> = Promise.resolve();
    renderFramesInCi();
    const { startDashboard } = await import('../dashboard/start-dashboard.js');
    await startDashboard({
      initialWindow: flags.window,
      refreshMs: flags.refresh * 1000,
      colour: (process.env['NO_COLOR'] ?? '') === '',
      formatters: defaultFormatters,
      fetchSummary(request): Promise<UsageSummary> {
        const at = new Date();
        const window = windowRange(request.window, at);
        const summary = useStore(async (store) => {
          const loaded = await loader.load(store, window);
          return aggregateUsage(loaded.records, { window, now: at, keyNames: loaded.keyNames, keyFilter: request.keyFilter, model: flags.model });
        });
        inFlight = summary.catch(() => undefined);
        return summary;
      },
    });
    // The store of a refresh still running when `q` was pressed is closed before the process exits.
    await inFlight;
  };
  if (embedded) return run((work) => withStore(command, work));
  return withStore(command, (store) => run((work) => work(store)));
}

async function keyOption(store: UsageSource, key: string | undefined): Promise<string | undefined> {
  if (key === undefined) return undefined;
  const keys = await store.apiKeys.list();
  return usageInput(() => resolveKey(key, keys));
}

/** A RangeError from parsing what the user typed is a usage mistake (exit code 2). */
function usageInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * ink draws nothing until exit when `CI` or `CONTINUOUS_INTEGRATION` is set: it takes the output
 * for a log. The live view runs only with a terminal on both ends, so the flags are dropped before
 * ink is first loaded, and the dashboard draws as it would anywhere else.
 */
function renderFramesInCi(): void {
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];
}

