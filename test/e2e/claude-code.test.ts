import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForUrl } from '../support/wait-for-url.js';
import { bedrockApis } from '../support/both-apis.js';

/**
 * Claude Code itself (installed by scripts/run-tests.mjs into the user's cache) in print mode,
 * pointed at the built proxy, with the Bedrock simulator behind it.
 */
const claudeCode = process.env.CLAUDE_CODE_BIN;
const binary = fileURLToPath(new URL('../../bin/proxy.js', import.meta.url));
// Made in the suite, not at import: a file whose suites are all skipped runs no hooks, and would leave it behind.
let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'proxy-e2e-claude-code-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
const masterKey = 'sk-claude-code-e2e-master-key';


/** Every request line the proxy logged, as `status` numbers. */
function loggedStatuses(stderr: string): number[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes('"message":"request"'))
    .map((line) => (JSON.parse(line) as { status: number }).status);
}

describe.skipIf(claudeCode === undefined).each(bedrockApis)('Claude Code through the proxy (%s)', (api) => {
  it('gets a plain answer, and runs a Read tool turn, with no request refused', async () => {
    const home = path.join(root, `home-${api}`);
    const work = path.join(root, `work-${api}`);
    mkdirSync(home, { recursive: true });
    mkdirSync(work, { recursive: true });
    const file = path.join(work, 'hello.txt');
    writeFileSync(file, 'The secret word is PINEAPPLE-42.\n');

    const serve = execa('node', [binary, 'serve', '--mock-bedrock', '--port', '0', '--master-key', masterKey, '--claude-api', api, '--data-dir', path.join(root, `data-${api}`)], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
      extendEnv: false,
      reject: false,
    });
    const url = (await waitForUrl(serve)).url;
    const claude = (args: string[]) =>
      execa(claudeCode!, ['-p', ...args], {
        cwd: work,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          ANTHROPIC_BASE_URL: url,
          ANTHROPIC_API_KEY: masterKey,
          DISABLE_TELEMETRY: '1',
          DISABLE_ERROR_REPORTING: '1',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        },
        extendEnv: false,
        reject: false,
        timeout: 60_000,
      });
    try {
      const plain = await claude(['MOCK_BEDROCK: {"content":[{"text":"Plain answer from the simulator."}]}']);
      expect(plain.exitCode, String(plain.stderr)).toBe(0);
      expect(String(plain.stdout).trim()).toBe('Plain answer from the simulator.');

      const script = JSON.stringify({ content: [{ toolUse: { name: 'Read', input: { file_path: file } } }] });
      const toolTurn = await claude(['--allowedTools=Read', '--', `MOCK_BEDROCK: ${script}`]);
      expect(toolTurn.exitCode, String(toolTurn.stderr)).toBe(0);
      // The simulator's second answer echoes the tool result Claude Code sent back.
      expect(String(toolTurn.stdout)).toContain('PINEAPPLE-42');
    } finally {
      serve.kill('SIGINT');
    }
    const served = await serve;
    expect(served.exitCode).toBe(0);
    const statuses = loggedStatuses(String(served.stderr));
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((status) => status === 200)).toBe(true);
  }, 120_000);
});

if (claudeCode === undefined) {
  describe.skip('Claude Code through the proxy (skipped: Claude Code is not installed for this test run)', () => {
    it('runs', () => {});
  });
}
