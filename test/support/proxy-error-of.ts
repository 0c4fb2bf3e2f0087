import { ProxyError } from '../../src/errors.js';

/** The code and message of the ProxyError `run` throws; fails the test when it throws nothing. */
export function proxyErrorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ProxyError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a ProxyError, but nothing was thrown');
}
