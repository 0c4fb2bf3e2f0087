import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * @typedef {object} RunningChild
 * @property {string} name
 * @property {number} pid
 * @property {string} url  The first http URL the child printed.
 * @property {() => Promise<void>} stop  SIGTERM, then SIGKILL if it has not exited within `stopGraceMs`.
 */

/**
 * @typedef {object} StartChildOptions
 * @property {string} name  For messages and stderr prefixes.
 * @property {string[]} arguments  Arguments to `node`.
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [cwd]
 * @property {Set<RunningChild>} registry  Every started child is added here, so the caller can stop them all on any exit path.
 * @property {number} [startTimeoutMs]  Default 20 000.
 * @property {number} [stopGraceMs]  Default 15 000 (the proxy writes its last usage records on SIGTERM).
 */

const urlPattern = /https?:\/\/[^\s)]+/;
const stderrTailLines = 20;

/**
 * Starts a Node server in its own process and waits for the line with its URL. A child that exits
 * or prints nothing usable in time fails the run with its last stderr lines.
 * @param {StartChildOptions} options
 * @returns {Promise<RunningChild>}
 */
export function startChild(options) {
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const stopGraceMs = options.stopGraceMs ?? 15_000;
  const child = spawn(process.execPath, options.arguments, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  /** @type {string[]} */
  const stderrTail = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > stderrTailLines) stderrTail.shift();
    process.stderr.write(`[${options.name}] ${line}\n`);
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  /** @type {RunningChild} */
  const running = {
    name: options.name,
    pid: child.pid ?? -1,
    url: '',
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  options.registry.add(running);

  return new Promise((resolve, reject) => {
    const describeFailure = (/** @type {string} */ reason) =>
      new Error(`${options.name} did not start: ${reason}${stderrTail.length > 0 ? `\n${stderrTail.join('\n')}` : ''}`);
    const timer = setTimeout(() => {
      reject(describeFailure(`no URL on stdout within ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(describeFailure(error.message));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(describeFailure(`exited with ${signal ?? `code ${code}`}`));
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = urlPattern.exec(line);
      if (match === null || running.url !== '') return;
      running.url = match[0];
      clearTimeout(timer);
      resolve(running);
    });
  });
}
