import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import type { ApiKeyRecord, ApiKeyStore, IssuedApiKey, KeyLimits } from '../store/types.js';
import { UsageError } from './cli-error.js';
import { withStore } from './command-context.js';
import { describeKeyOptions, readCreateOptions, readSetOptions, withCreateOptionFlags, withSetOptionFlags, type CreateOptionFlags, type SetOptionFlags } from './key-options-flags.js';
import { formatTable, printJson, printLine, shortTime } from './output.js';
import { parseLimit, storeCommand, wantsJson } from './store-command.js';

interface LimitFlags {
  rateLimit?: string;
  tokensPerMinute?: string;
  inputTokensPerMinute?: string;
  outputTokensPerMinute?: string;
}

export function makeKeysCommand(): Command {
  const keys = new Command('keys').description('create and manage the API keys clients use');

  keys.addCommand(
    withCreateOptionFlags(withLimitOptions(storeCommand('create', 'create a key; its secret is printed once')))
      .requiredOption('--name <name>', 'what the key is for')
      .requiredOption('--user-id <id>', 'who it belongs to')
      .action(async (flags: LimitFlags & CreateOptionFlags & { name: string; userId: string }, command: Command) => {
        const limits = readLimits(flags, false) as KeyLimits;
        const options = readCreateOptions(flags);
        if (flags.name.trim() === '' || flags.userId.trim() === '') throw new UsageError('--name and --user-id must not be empty');
        const issued = await withStore(command, (store) => store.apiKeys.create({ name: flags.name, userId: flags.userId, ...limits, ...options }));
        printIssued(command, issued, 'Created');
      }),
  );

  keys.addCommand(
    storeCommand('list', 'list keys (never their secrets)')
      .option('--user-id <id>', 'only this user\'s keys')
      .action(async (flags: { userId?: string }, command: Command) => {
        const records = await withStore(command, (store) => store.apiKeys.list(flags.userId === undefined ? {} : { userId: flags.userId }));
        if (wantsJson(command)) return printJson(records.map(keyJson));
        if (records.length === 0) return printLine(flags.userId === undefined ? 'No API keys yet. Create one with: proxy keys create --name NAME --user-id USER' : `No API keys for user ${flags.userId}.`);
        printLine(formatTable(
          ['ID', 'Name', 'User', 'Key starts', 'Active', 'Requests/min', 'Tokens/min', 'Options', 'Created', 'Last used'],
          records.map((record) => [record.id, record.name, record.userId, `${record.prefix}…`, record.isActive ? 'yes' : 'no', record.rateLimit, record.tokensPerMinute, describeKeyOptions(record), shortTime(record.createdAt), shortTime(record.lastUsedAt)]),
        ));
      }),
  );

  keys.addCommand(
    storeCommand('show', 'show one key').argument('<id>', 'the key id (key_…)').action(async (id: string, _flags: unknown, command: Command) => {
      const record = await withStore(command, (store) => existing(store.apiKeys.findById(id), id));
      printRecord(command, record);
    }),
  );

  for (const [name, active] of [['disable', false], ['enable', true]] as const) {
    keys.addCommand(
      storeCommand(name, `${name} a key (takes effect within API_KEY_CACHE_TTL seconds on running servers)`)
        .argument('<id>', 'the key id (key_…)')
        .action(async (id: string, _flags: unknown, command: Command) => {
          const record = await withStore(command, (store) => existing(store.apiKeys.setActive(id, active), id));
          printRecord(command, record, `Key ${id} ${active ? 'enabled' : 'disabled'}.`);
        }),
    );
  }

  keys.addCommand(
    storeCommand('delete', 'delete a key for good')
      .argument('<id>', 'the key id (key_…)')
      .option('--yes', 'do not ask for confirmation')
      .action(async (id: string, flags: { yes?: boolean }, command: Command) => {
        await withStore(command, async (store) => {
          const record = await existing(store.apiKeys.findById(id), id);
          if (flags.yes !== true && !(await confirm(`Delete key ${id} (${record.name}, user ${record.userId})? This cannot be undone. [y/N] `))) {
            throw new UsageError('Not deleted.');
          }
          await store.apiKeys.delete(id);
        });
        if (wantsJson(command)) printJson({ id, deleted: true });
        else printLine(`Key ${id} deleted.`);
      }),
  );

  keys.addCommand(
    storeCommand('rotate', 'give a key a new secret; the old one stops working')
      .argument('<id>', 'the key id (key_…)')
      .action(async (id: string, _flags: unknown, command: Command) => {
        const issued = await withStore(command, (store) => existing(store.apiKeys.rotate(id), id));
        printIssued(command, issued, 'Rotated');
      }),
  );

  keys.addCommand(
    withLimitOptions(storeCommand('set-limit', 'change a key\'s limits (a number, or none to remove one)'))
      .argument('<id>', 'the key id (key_…)')
      .action(async (id: string, flags: LimitFlags, command: Command) => {
        const limits = readLimits(flags, true);
        if (Object.keys(limits).length === 0) throw new UsageError('give at least one of --rate-limit, --tokens-per-minute, --input-tokens-per-minute, --output-tokens-per-minute');
        const record = await withStore(command, (store) => existing(store.apiKeys.setLimits(id, limits), id));
        printRecord(command, record, `Limits of key ${id} updated.`);
      }),
  );

  keys.addCommand(
    withSetOptionFlags(storeCommand('set-options', 'change a key\'s response cache and guardrail (takes effect within API_KEY_CACHE_TTL seconds on running servers)'))
      .argument('<id>', 'the key id (key_…)')
      .addHelpText('after', '\nA new --guardrail-id and --guardrail-version replace the key\'s guardrail, trace included;\n--guardrail-trace alone changes the trace of the guardrail the key has.')
      .action(async (id: string, flags: SetOptionFlags, command: Command) => {
        const { changes, traceOnly } = readSetOptions(flags);
        const record = await withStore(command, async (store) => {
          if (traceOnly !== undefined) {
            const current = (await existing(store.apiKeys.findById(id), id)).guardrail;
            if (current === undefined) throw new UsageError(`Key ${id} has no guardrail of its own; give --guardrail-id and --guardrail-version`);
            changes.guardrail = { ...current, trace: traceOnly };
          }
          return existing(store.apiKeys.setOptions(id, changes), id);
        });
        printRecord(command, record, `Options of key ${id} updated.`);
      }),
  );
  return keys;
}

function withLimitOptions(command: Command): Command {
  return command
    .option('--rate-limit <n>', 'requests per minute')
    .option('--tokens-per-minute <n>', 'input + output tokens per minute')
    .option('--input-tokens-per-minute <n>', 'input tokens per minute')
    .option('--output-tokens-per-minute <n>', 'output tokens per minute');
}

function readLimits(flags: LimitFlags, allowNone: boolean): Parameters<ApiKeyStore['setLimits']>[1] {
  const limits: Parameters<ApiKeyStore['setLimits']>[1] = {};
  const entries = [
    ['rateLimit', flags.rateLimit, '--rate-limit'],
    ['tokensPerMinute', flags.tokensPerMinute, '--tokens-per-minute'],
    ['inputTokensPerMinute', flags.inputTokensPerMinute, '--input-tokens-per-minute'],
    ['outputTokensPerMinute', flags.outputTokensPerMinute, '--output-tokens-per-minute'],
  ] as const;
  for (const [field, value, flag] of entries) {
    const limit = parseLimit(value, flag, allowNone);
    if (limit !== undefined) limits[field] = limit;
  }
  return limits;
}

async function existing<T>(lookup: Promise<T | undefined>, id: string): Promise<T> {
  const found = await lookup;
  if (found === undefined) throw new UsageError(`No API key with id ${id}. List them with: proxy keys list`);
  return found;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UsageError('Refusing to delete without --yes when not run from a terminal.');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

/** The JSON form of a key: never the hash, never the secret. */
function keyJson(record: ApiKeyRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    user_id: record.userId,
    prefix: record.prefix,
    is_active: record.isActive,
    rate_limit: record.rateLimit ?? null,
    tokens_per_minute: record.tokensPerMinute ?? null,
    input_tokens_per_minute: record.inputTokensPerMinute ?? null,
    output_tokens_per_minute: record.outputTokensPerMinute ?? null,
    response_cache: record.responseCache ?? null,
    guardrail: record.guardrail ?? null,
    created_at: record.createdAt,
    last_used_at: record.lastUsedAt ?? null,
    metadata: record.metadata ?? {},
  };
}

function printRecord(command: Command, record: ApiKeyRecord, headline?: string): void {
  if (wantsJson(command)) return printJson(keyJson(record));
  if (headline !== undefined) printLine(headline);
  const json = keyJson(record);
  printLine(formatTable(['Field', 'Value'], Object.entries(json).map(([field, value]) => [field, typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as string | number | boolean | null)])));
}

function printIssued(command: Command, issued: IssuedApiKey, verb: string): void {
  if (wantsJson(command)) return printJson({ key: issued.key, ...keyJson(issued.record) });
  printLine(`${verb} key ${issued.record.id} (${issued.record.name}, user ${issued.record.userId}).`);
  printLine('Its secret is shown only this once; store it now:');
  printLine();
  printLine(`  ${issued.key}`);
  printLine();
}
