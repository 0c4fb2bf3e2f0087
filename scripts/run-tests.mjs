#!/usr/bin/env node
// `npm test`: builds, then runs every test with the reporter whose last line CI reads.
//
// DynamoDB Local (Amazon's Java program) listens on every interface. As root on Linux the run
// therefore moves into its own network namespace with only loopback up, where the tests start it
// (test/support/dynamodb-local-setup.ts); its own PID namespace makes sure no Java process outlives
// the run. Elsewhere the DynamoDB Local suite is skipped, visibly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const extraArguments = process.argv.slice(2);
const failedLine = '0 passed, 1 failed';

function succeeds(command, commandArguments) {
  const result = spawnSync(command, commandArguments, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function isolationUnavailableReason() {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not running as root';
  if (!succeeds('java', ['-version'])) return '`java -version` does not work';
  if (!succeeds('unshare', ['-n', '-p', '-f', '--kill-child', 'sh', '-c', 'ip link set lo up'])) {
    return '`unshare` or `ip` is unavailable or not permitted';
  }
  return undefined;
}

function exitWith(result) {
  if (result.error !== undefined) {
    console.error(result.error.message);
    console.log(failedLine);
    process.exit(1);
  }
  process.exit(result.status ?? 1);
}

/**
 * Claude Code (a native binary in the npm package) for the end-to-end test, installed once into the
 * user's cache folder and reused by later runs. It needs the registry, so it is fetched before the
 * run moves into its network namespace; offline, the test is skipped with the reason.
 */
function prepareClaudeCode() {
  if (process.env.CLAUDE_CODE_BIN) return;
  const version = '2.1.332';
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const prefix = path.join(cacheRoot, 'anthropic-proxy-tests', `claude-code-${version}`);
  const binary = path.join(prefix, 'node_modules', '.bin', 'claude');
  if (!existsSync(binary)) {
    const install = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `@anthropic-ai/claude-code@${version}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    if (install.status !== 0 || !existsSync(binary)) {
      console.warn(`[skip] the Claude Code end-to-end test will be skipped: @anthropic-ai/claude-code@${version} could not be installed`);
      return;
    }
  }
  process.env.CLAUDE_CODE_BIN = binary;
}

const insideNamespace = process.env.PROXY_TEST_NETNS === '1';
if (!insideNamespace) prepareClaudeCode();
const configuredLocal = (process.env.DYNAMODB_LOCAL_URL ?? '') !== '';

if (!insideNamespace && !configuredLocal) {
  const reason = isolationUnavailableReason();
  if (reason === undefined) {
    const script = 'ip link set lo up && exec node scripts/run-tests.mjs "$@"';
    exitWith(
      spawnSync('unshare', ['-n', '-p', '-f', '--kill-child', 'sh', '-c', script, 'run-tests', ...extraArguments], {
        stdio: 'inherit',
        env: { ...process.env, PROXY_TEST_NETNS: '1' },
      }),
    );
  }
  console.warn(`[skip] DynamoDB Local tests will be skipped: ${reason}`);
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.error !== undefined || build.status !== 0) {
  console.log(failedLine);
  process.exit(build.status || 1);
}

exitWith(
  spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=./test/support/summary-reporter.ts', ...extraArguments],
    { stdio: 'inherit', shell: process.platform === 'win32' },
  ),
);
