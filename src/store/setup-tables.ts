import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasErrorName, isUnknownOperation } from './dynamodb-errors.js';
import { tableDefinitions, type TableDefinition } from './table-definitions.js';
import type { TableNames } from './types.js';

export type SetupEvent =
  | { kind: 'exists'; table: string }
  | { kind: 'creating'; table: string }
  | { kind: 'waiting'; table: string; status: string; elapsedMs: number }
  | { kind: 'active'; table: string }
  | { kind: 'ttl'; table: string; attribute: string; status: 'enabled' | 'already-enabled' | 'unsupported' };

export interface SetupTablesOptions {
  client: DynamoDBClient;
  tables: TableNames;
  onEvent?: (event: SetupEvent) => void;
  /** Default 1 s. */
  pollIntervalMs?: number;
  /** Default 5 minutes per table. */
  timeoutMs?: number;
}

/**
 * Creates the tables that do not exist, waits until every table and index is ACTIVE, then turns on
 * TTL. Running it again changes nothing and reports the tables as existing. All tables are created
 * before waiting, so AWS builds them in parallel.
 */
export async function setupTables(options: SetupTablesOptions): Promise<SetupEvent[]> {
  const events: SetupEvent[] = [];
  const emit = (event: SetupEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };
  const definitions = tableDefinitions(options.tables);
  for (const definition of definitions) {
    emit({ kind: (await createIfMissing(options.client, definition)) ? 'creating' : 'exists', table: definition.name });
  }
  for (const definition of definitions) {
    await waitUntilActive({ ...options, table: definition.name, emit });
    emit({ kind: 'active', table: definition.name });
  }
  for (const definition of definitions) {
    if (definition.ttlAttribute === undefined) continue;
    const status = await enableTimeToLive(options.client, definition.name, definition.ttlAttribute);
    emit({ kind: 'ttl', table: definition.name, attribute: definition.ttlAttribute, status });
  }
  return events;
}

/** Returns whether this call created the table. */
async function createIfMissing(client: DynamoDBClient, definition: TableDefinition): Promise<boolean> {
  if ((await describeTable(client, definition.name)) !== undefined) return false;
  try {
    await client.send(new CreateTableCommand(definition.create));
    return true;
  } catch (error) {
    // Another setup created it between our describe and create.
    if (hasErrorName(error, 'ResourceInUseException')) return false;
    throw error;
  }
}

async function describeTable(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (hasErrorName(error, 'ResourceNotFoundException')) return undefined;
    throw error;
  }
}

interface WaitOptions extends SetupTablesOptions {
  table: string;
  emit: (event: SetupEvent) => void;
}

async function waitUntilActive(options: WaitOptions): Promise<void> {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const started = performance.now();
  for (;;) {
    const description = await describeTable(options.client, options.table);
    const status = pendingStatus(description);
    if (status === undefined) return;
    const elapsedMs = Math.round(performance.now() - started);
    if (elapsedMs >= timeoutMs) {
      throw new Error(`table ${options.table} is still ${status} after ${Math.round(elapsedMs / 1000)} s`);
    }
    options.emit({ kind: 'waiting', table: options.table, status, elapsedMs });
    await sleep(pollIntervalMs);
  }
}

/** What the table is still waiting for, or undefined once it and all its indexes are ACTIVE. */
function pendingStatus(description: TableDescription | undefined): string | undefined {
  if (description === undefined) return 'NOT_FOUND';
  if (description.TableStatus !== 'ACTIVE') return description.TableStatus ?? 'UNKNOWN';
  const index = (description.GlobalSecondaryIndexes ?? []).find((candidate) => candidate.IndexStatus !== 'ACTIVE');
  return index === undefined ? undefined : `index ${index.IndexName ?? '?'} ${index.IndexStatus ?? 'UNKNOWN'}`;
}

async function enableTimeToLive(
  client: DynamoDBClient,
  table: string,
  attribute: string,
): Promise<'enabled' | 'already-enabled' | 'unsupported'> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: table }));
  const description = current.TimeToLiveDescription;
  const enabled = description?.TimeToLiveStatus === 'ENABLED' || description?.TimeToLiveStatus === 'ENABLING';
  if (enabled && description?.AttributeName === attribute) return 'already-enabled';
  try {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }),
    );
    return 'enabled';
  } catch (error) {
    if (isUnknownOperation(error)) return 'unsupported';
    throw error;
  }
}
