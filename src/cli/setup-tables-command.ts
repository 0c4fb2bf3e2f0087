import type { Command } from 'commander';
import { resolveTableNamesFromConfig } from '../open-configured-store.js';
import { setupTables, type SetupEvent } from '../store/setup-tables.js';
import { tableDefinitions } from '../store/table-definitions.js';
import { loadCommandConfig, withStore } from './command-context.js';
import { formatTable, printJson, printLine } from './output.js';
import { storeCommand, wantsJson } from './store-command.js';

export function makeSetupTablesCommand(): Command {
  return storeCommand('setup-tables', 'create the DynamoDB tables with their indexes and TTL (safe to run again)')
    .option('--dry-run', 'print the table definitions without creating anything')
    .action(async (flags: { dryRun?: boolean }, command: Command) => {
      const json = wantsJson(command);
      if (flags.dryRun === true) {
        const definitions = tableDefinitions(resolveTableNamesFromConfig(loadCommandConfig(command)));
        if (json) return printJson(definitions.map((definition) => ({ ...definition.create, TimeToLiveAttribute: definition.ttlAttribute ?? null })));
        printLine(formatTable(
          ['Table', 'Key', 'Indexes', 'TTL attribute'],
          definitions.map((definition) => [
            definition.name,
            (definition.create.KeySchema ?? []).map((element) => `${element.AttributeName} (${element.KeyType})`).join(', '),
            (definition.create.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).join(', '),
            definition.ttlAttribute,
          ]),
        ));
        return;
      }
      const { events, description } = await withStore(command, async (store) => ({
        events: await setupTables({ client: store.client, tables: store.tables, onEvent: json ? undefined : showProgress }),
        description: store.description,
      }));
      if (json) return printJson({ store: description, events });
      printLine(formatTable(['Table', 'Result', 'TTL'], summarise(events)));
      printLine(`Tables are ready in ${description}.`);
    });
}

function showProgress(event: SetupEvent): void {
  if (event.kind === 'creating') process.stderr.write(`creating ${event.table}…\n`);
  if (event.kind === 'waiting') process.stderr.write(`waiting for ${event.table} to become ACTIVE (${event.status}, ${Math.round(event.elapsedMs / 1000)} s)\n`);
}

function summarise(events: SetupEvent[]): string[][] {
  const rows = new Map<string, { result: string; ttl: string }>();
  const row = (table: string) => {
    let found = rows.get(table);
    if (found === undefined) {
      found = { result: '', ttl: '-' };
      rows.set(table, found);
    }
    return found;
  };
  for (const event of events) {
    if (event.kind === 'exists') row(event.table).result = 'already existed';
    if (event.kind === 'creating' || event.kind === 'active') row(event.table).result ||= 'created';
    if (event.kind === 'ttl') row(event.table).ttl = `${event.attribute}: ${event.status === 'unsupported' ? 'not supported by this engine (readers ignore expired items)' : event.status}`;
  }
  return [...rows].map(([table, { result, ttl }]) => [table, result, ttl]);
}
