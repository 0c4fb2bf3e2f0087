import { hasErrorName } from './dynamodb-errors.js';
import { StoreUnavailableError } from './store-unavailable-error.js';

const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN']);

export interface CallStoreOptions {
  /** Where the data lives, as `Store.description`. */
  description: string;
  /** The table the operation reads or writes, for the "missing table" message. */
  table: string;
}

/**
 * Runs one DynamoDB operation, turning the failures that mean the store itself is unusable into a
 * StoreUnavailableError with a message a user can act on; other errors pass through unchanged.
 */
export async function callStore<T>(options: CallStoreOptions, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreUnavailable(error, options) ?? error;
  }
}

export function toStoreUnavailable(error: unknown, options: CallStoreOptions): StoreUnavailableError | undefined {
  if (error instanceof StoreUnavailableError) return error;
  if (hasErrorName(error, 'ResourceNotFoundException')) {
    return new StoreUnavailableError(
      `table ${options.table} does not exist in ${options.description}; run \`proxy setup-tables\``,
      { cause: error },
    );
  }
  const code = networkErrorCode(error);
  if (code !== undefined) {
    return new StoreUnavailableError(`${options.description} is unreachable (${code})`, { cause: error });
  }
  if (hasErrorName(error, 'CredentialsProviderError')) {
    return new StoreUnavailableError(`no AWS credentials for ${options.description}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return undefined;
}

function networkErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string' && networkErrorCodes.has(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
