/**
 * The store cannot be used at all (data dir held by another process, endpoint unreachable, tables
 * missing). The message is one line a command can print as it is.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
