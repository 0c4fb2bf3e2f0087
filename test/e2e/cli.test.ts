import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForUrl } from '../support/wait-for-url.js';
import { rawRequest } from '../support/raw-http.js';

const binary = fileURLToPath(new URL('../../bin/proxy.js', import.meta.url));
const homes: string[] = [];
afterAll(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));

/**
 * A clean environment: nothing from the developer's shell (AWS keys, MASTER_API_KEY…) leaks in,
 * and each run gets its own home, so its embedded store is its own.
 */
function runProxy(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(path.join(tmpdir(), 'proxy-e2e-home-'));
  homes.push(home);
  return execa('node', [binary, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, ...env }, extendEnv: false, reject: false, timeout: 30_000 });
}


describe('proxy serve (the built CLI)', () => {
  it('serves a message with --mock-bedrock on a free port and exits 0 on SIGINT', async () => {
    const child = runProxy(['serve', '--mock-bedrock', '--port', '0', '--master-key', 'sk-e2e-master-key']);
    const { url, lines } = await waitForUrl(child);
    expect(lines[0]).toMatch(/^proxy listening on http:\/\/127\.0\.0\.1:\d+ \(answered by the Bedrock simulator at http:\/\/127\.0\.0\.1:\d+; store: embedded \(.+anthropic-proxy\)\)$/);

    const response = await rawRequest(`${url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-e2e-master-key', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hello from the e2e test' }] }),
    });
    expect(response.status).toBe(200);
    const message = response.json() as { content: Array<{ text: string }>; model: string };
    expect(message.model).toBe('claude-sonnet-4-5');
    expect(message.content[0]!.text).toContain('Hello from the e2e test');

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
  });

  it('prints a key for the run when authentication is on and no master key is set', async () => {
    const child = runProxy(['serve', '--mock-bedrock', '--port', '0']);
    const { url } = await waitForUrl(child);
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    const result = await child;
    const key = /clients can use this key for this run: (sk-proxy-\S+)/.exec(String(result.stdout))?.[1];
    expect(key).toBeDefined();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.exitCode).toBe(0);
  });

  it.each([
    [['serve', '--port', 'eighty'], {}, 'proxy: Invalid configuration: PORT (--port) must be an integer from 0 to 65535 (0 picks a free port); got "eighty"'],
    [['serve', '--mock-bedrock'], { LOG_LEVEL: 'chatty' }, 'proxy: Invalid configuration: LOG_LEVEL must be one of debug, info, warn, error, silent; got "chatty"'],
    [['serve', '--mock-bedrock', '--claude-api', 'native'], {}, 'proxy: Invalid configuration: CLAUDE_API (--claude-api) must be converse or invoke; got "native"'],
  ])('stops with one clear line and exit code 2 for %j', async (args, env, message) => {
    const result = await runProxy(args, env);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr).trim()).toBe(message);
  });
});

describe('proxy mock-bedrock (the built CLI)', () => {
  it('stands in for Bedrock behind a separately started proxy using a Bedrock API key', async () => {
    const simulator = runProxy(['mock-bedrock', '--port', '0']);
    const { url: bedrockUrl } = await waitForUrl(simulator);
    const proxy = runProxy(['serve', '--port', '0', '--no-auth', '--bedrock-endpoint', bedrockUrl], { AWS_BEARER_TOKEN_BEDROCK: 'test-bedrock-key' });
    const { url, lines } = await waitForUrl(proxy);
    expect(lines[0]).toContain(`(answered by Bedrock us-east-1 at ${bedrockUrl}; store: `);
    const response = await rawRequest(`${url}/v1/messages`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'MOCK_BEDROCK: thinking' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('event: message_stop');
    proxy.kill('SIGINT');
    simulator.kill('SIGINT');
    expect((await proxy).exitCode).toBe(0);
    expect((await simulator).exitCode).toBe(0);
  });

  it('prints its URL, answers Converse, and exits 0 on SIGINT', async () => {
    const child = runProxy(['mock-bedrock', '--port', '0']);
    const { url, lines } = await waitForUrl(child);
    expect(lines[0]).toBe(`Bedrock simulator listening on ${url}`);
    const response = await rawRequest(`${url}/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse`, {
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-token' },
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'ping' }] }], inferenceConfig: { maxTokens: 20 } }),
    });
    expect(response.status).toBe(200);
    expect((response.json() as { stopReason: string }).stopReason).toBeDefined();
    child.kill('SIGINT');
    expect((await child).exitCode).toBe(0);
  });
});

describe('proxy keys: per-key options (the built CLI)', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'proxy-e2e-keys-'));
  homes.push(home);
  const keys = (args: string[]) =>
    execa('node', [binary, 'keys', ...args], { env: { PATH: process.env.PATH ?? '', HOME: home }, extendEnv: false, reject: false, timeout: 30_000 });
  async function json<T>(args: string[]): Promise<T> {
    const result = await keys([...args, '--json']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    return JSON.parse(String(result.stdout)) as T;
  }
  interface KeyJson {
    id: string;
    name: string;
    response_cache: boolean | null;
    guardrail: { identifier: string; version: string; trace?: string } | null;
  }

  it('creates keys with and without options, and shows them in show, list and --json', async () => {
    const guarded = await json<KeyJson & { key: string }>([
      'create', '--name', 'guarded', '--user-id', 'ada', '--no-response-cache',
      '--guardrail-id', 'gr0abc123', '--guardrail-version', '2', '--guardrail-trace', 'enabled',
    ]);
    expect(guarded).toMatchObject({ name: 'guarded', response_cache: false, guardrail: { identifier: 'gr0abc123', version: '2', trace: 'enabled' } });
    const plain = await json<KeyJson>(['create', '--name', 'plain', '--user-id', 'ada']);
    expect([plain.response_cache, plain.guardrail]).toEqual([null, null]);
    const draft = await json<KeyJson>(['create', '--name', 'draft', '--user-id', 'ada', '--guardrail-id', 'gr0def456', '--guardrail-version', 'DRAFT']);
    expect([draft.response_cache, draft.guardrail]).toEqual([null, { identifier: 'gr0def456', version: 'DRAFT' }]);

    const listed = await json<KeyJson[]>(['list']);
    expect(listed.map((key) => [key.name, key.response_cache, key.guardrail])).toEqual([
      ['draft', null, { identifier: 'gr0def456', version: 'DRAFT' }],
      ['plain', null, null],
      ['guarded', false, { identifier: 'gr0abc123', version: '2', trace: 'enabled' }],
    ]);

    const table = String((await keys(['list'])).stdout);
    expect(table).toMatch(/│ Options +│/);
    const options = (name: string) => new RegExp(`│ ${name} +│.*│ ([^│]*?) +│ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC │`).exec(table)?.[1];
    expect([options('guarded'), options('plain'), options('draft')]).toEqual(['no cache, guardrail gr0abc123:2 (trace enabled)', '-', 'guardrail gr0def456:DRAFT']);

    const shown = String((await keys(['show', guarded.id])).stdout);
    expect(shown).toMatch(/│ response_cache +│ false +│/);
    expect(shown).toMatch(/│ guardrail +│ \{"identifier":"gr0abc123","version":"2","trace":"enabled"\} +│/);
    expect(await json<KeyJson>(['show', guarded.id])).toMatchObject({ response_cache: false, guardrail: { identifier: 'gr0abc123', version: '2', trace: 'enabled' } });
  });

  it('changes options with each form of set-options, and keeps them through rotate', async () => {
    const { id } = await json<KeyJson>(['create', '--name', 'changing', '--user-id', 'grace']);
    const steps: Array<[string[], KeyJson['response_cache'], KeyJson['guardrail']]> = [
      [['--response-cache', 'off'], false, null],
      [['--response-cache', 'on'], true, null],
      [['--guardrail-id', 'gr0abc123', '--guardrail-version', 'DRAFT'], true, { identifier: 'gr0abc123', version: 'DRAFT' }],
      [['--guardrail-trace', 'enabled_full'], true, { identifier: 'gr0abc123', version: 'DRAFT', trace: 'enabled_full' }],
      [['--guardrail-id', 'gr0def456', '--guardrail-version', '3'], true, { identifier: 'gr0def456', version: '3' }],
      [['--response-cache', 'off', '--guardrail-id', 'gr0def456', '--guardrail-version', '4', '--guardrail-trace', 'disabled'], false, { identifier: 'gr0def456', version: '4', trace: 'disabled' }],
    ];
    for (const [args, responseCache, guardrail] of steps) {
      const changed = await json<KeyJson>(['set-options', id, ...args]);
      expect([args, changed.response_cache, changed.guardrail]).toEqual([args, responseCache, guardrail]);
    }
    const rotated = await json<KeyJson>(['rotate', id]);
    expect([rotated.id, rotated.response_cache, rotated.guardrail]).toEqual([id, false, { identifier: 'gr0def456', version: '4', trace: 'disabled' }]);

    const human = await keys(['set-options', id, '--response-cache', 'default']);
    expect(String(human.stdout).split('\n')[0]).toBe(`Options of key ${id} updated.`);
    expect(String(human.stdout)).toMatch(/│ response_cache +│ - +│/);
    const cleared = await json<KeyJson>(['set-options', id, '--no-guardrail']);
    expect([cleared.response_cache, cleared.guardrail]).toEqual([null, null]);
    expect(await json<KeyJson>(['show', id])).toMatchObject({ response_cache: null, guardrail: null });
  });

  it.each<[string[], string]>([
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-id', 'gr0abc123'], '--guardrail-id needs --guardrail-version: DRAFT or a version number (1-99999999)'],
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-version', '2'], '--guardrail-version needs --guardrail-id: a guardrail id (lower-case letters and digits) or a guardrail ARN'],
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-trace', 'enabled'], '--guardrail-trace needs --guardrail-id and --guardrail-version'],
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-id', 'GR-1', '--guardrail-version', '2'], '--guardrail-id must be a guardrail id (lower-case letters and digits) or a guardrail ARN; got "GR-1"'],
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-id', 'gr0abc123', '--guardrail-version', '0'], '--guardrail-version must be DRAFT or a version number (1-99999999); got "0"'],
    [['create', '--name', 'n', '--user-id', 'u', '--guardrail-id', 'gr0abc123', '--guardrail-version', '1', '--guardrail-trace', 'ENABLED'], '--guardrail-trace must be one of enabled, disabled, enabled_full; got "ENABLED"'],
    [['set-options', 'key_000000000000'], 'give at least one of --response-cache, --guardrail-id with --guardrail-version, --guardrail-trace, --no-guardrail'],
    [['set-options', 'key_000000000000', '--response-cache', 'yes'], '--response-cache must be on, off or default; got "yes"'],
    [['set-options', 'key_000000000000', '--response-cache', 'constructor'], '--response-cache must be on, off or default; got "constructor"'],
    [['set-options', 'key_000000000000', '--guardrail-version', 'DRAFT'], '--guardrail-version needs --guardrail-id: a guardrail id (lower-case letters and digits) or a guardrail ARN'],
    [['set-options', 'key_000000000000', '--guardrail-trace', 'verbose'], '--guardrail-trace must be one of enabled, disabled, enabled_full; got "verbose"'],
    [['set-options', 'key_000000000000', '--no-guardrail', '--guardrail-id', 'gr0abc123'], '--no-guardrail cannot be combined with --guardrail-id, --guardrail-version or --guardrail-trace'],
    [['set-options', 'key_000000000000', '--response-cache', 'off'], 'No API key with id key_000000000000. List them with: proxy keys list'],
  ])('refuses keys %j with one line and exit code 2', async (args, message) => {
    const result = await keys(args);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr).trim()).toBe(`proxy: ${message}`);
  });

  it('refuses a trace alone for a key without a guardrail of its own, and changes nothing', async () => {
    const { id } = await json<KeyJson>(['create', '--name', 'unguarded', '--user-id', 'linus', '--no-response-cache']);
    const result = await keys(['set-options', id, '--guardrail-trace', 'enabled', '--response-cache', 'on']);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr).trim()).toBe(`proxy: Key ${id} has no guardrail of its own; give --guardrail-id and --guardrail-version`);
    expect(await json<KeyJson>(['show', id])).toMatchObject({ response_cache: false, guardrail: null });
  });
});
