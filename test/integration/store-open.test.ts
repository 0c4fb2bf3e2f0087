import { once } from 'node:events';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore, StoreUnavailableError } from '../../src/store/open-store.js';
import { resolveTableNames } from '../../src/store/table-names.js';
import { dynamoDbLocalUrl } from '../support/dynamodb-local.js';

const tables = resolveTableNames({ prefix: `open-${randomUUID().slice(0, 8)}-` });
const localUrl = dynamoDbLocalUrl();

/** A port on 127.0.0.1 nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('openStore failures', () => {
  it('names an endpoint that does not answer', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const error: unknown = await openStore({ location: { kind: 'endpoint', endpoint, region: 'us-east-1' }, tables, usageTtlDays: 90, role: 'client' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe(`DynamoDB at ${endpoint} is unreachable (ECONNREFUSED)`);
  });

  describe.skipIf(localUrl === undefined)(localUrl === undefined ? 'skipped: DynamoDB Local is not running for this test run' : 'on DynamoDB Local', () => {
    it('tells the user to run setup-tables when the tables are missing', async () => {
      const store = await openStore({ location: { kind: 'endpoint', endpoint: localUrl ?? '', region: 'us-east-1' }, tables, usageTtlDays: 90, role: 'client' });
      try {
        const error: unknown = await store.apiKeys.list().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(StoreUnavailableError);
        expect((error as Error).message).toBe(`table ${tables.apiKeys} does not exist in DynamoDB at ${localUrl}; run \`proxy setup-tables\``);
      } finally {
        await store.close();
      }
    });
  });
});
