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
