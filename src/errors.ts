/**
 * The one error type of the proxy. Every failure that reaches a client is a ProxyError; the server
 * turns it into the Anthropic envelope (JSON before headers are sent, an SSE `error` frame after).
 */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

interface CatalogueEntry {
  readonly status: number;
  readonly type: AnthropicErrorType;
}

/** Stable codes, one per kind of failure, with the HTTP status and Anthropic error type it gets. */
export const errorCatalogue = {
  INVALID_REQUEST: { status: 400, type: 'invalid_request_error' },
  MALFORMED_JSON: { status: 400, type: 'invalid_request_error' },
  UNSUPPORTED_FEATURE: { status: 400, type: 'invalid_request_error' },
  FEATURE_DISABLED: { status: 400, type: 'invalid_request_error' },
  AUTHENTICATION_FAILED: { status: 401, type: 'authentication_error' },
  PERMISSION_DENIED: { status: 403, type: 'permission_error' },
  ROUTE_NOT_FOUND: { status: 404, type: 'not_found_error' },
  METHOD_NOT_ALLOWED: { status: 405, type: 'invalid_request_error' },
  REQUEST_TOO_LARGE: { status: 413, type: 'request_too_large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, type: 'invalid_request_error' },
  BEDROCK_VALIDATION: { status: 400, type: 'invalid_request_error' },
  BEDROCK_ACCESS_DENIED: { status: 403, type: 'permission_error' },
  BEDROCK_NOT_FOUND: { status: 404, type: 'not_found_error' },
  BEDROCK_THROTTLED: { status: 429, type: 'rate_limit_error' },
  BEDROCK_QUOTA_EXCEEDED: { status: 429, type: 'rate_limit_error' },
  BEDROCK_MODEL_TIMEOUT: { status: 504, type: 'timeout_error' },
  BEDROCK_MODEL_NOT_READY: { status: 529, type: 'overloaded_error' },
  BEDROCK_MODEL_ERROR_CLIENT: { status: 400, type: 'invalid_request_error' },
  BEDROCK_MODEL_ERROR: { status: 500, type: 'api_error' },
  BEDROCK_STREAM_OVERLOADED: { status: 529, type: 'overloaded_error' },
  BEDROCK_STREAM_ERROR: { status: 500, type: 'api_error' },
  BEDROCK_UNAVAILABLE: { status: 529, type: 'overloaded_error' },
  BEDROCK_INTERNAL: { status: 500, type: 'api_error' },
  BEDROCK_CREDENTIALS: { status: 500, type: 'api_error' },
  BEDROCK_UNREACHABLE: { status: 502, type: 'api_error' },
  BEDROCK_BAD_RESPONSE: { status: 502, type: 'api_error' },
  UPSTREAM_TIMEOUT: { status: 504, type: 'timeout_error' },
  STREAM_INCOMPLETE: { status: 500, type: 'api_error' },
  STORE_UNAVAILABLE: { status: 503, type: 'api_error' },
  RATE_LIMITED: { status: 429, type: 'rate_limit_error' },
  TOO_MANY_STREAMS: { status: 429, type: 'rate_limit_error' },
  SHUTTING_DOWN: { status: 529, type: 'overloaded_error' },
  INTERNAL: { status: 500, type: 'api_error' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ProxyErrorOptions {
  cause?: unknown;
  /** Seconds a client should wait before retrying; sent as `retry-after`. */
  retryAfterSeconds?: number;
  /** Overrides the catalogue status (e.g. an upstream 5xx that is not 500). */
  status?: number;
}

export class ProxyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: AnthropicErrorType;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: ProxyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProxyError';
    this.code = code;
    this.status = options.status ?? errorCatalogue[code].status;
    this.type = errorCatalogue[code].type;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isProxyError(value: unknown): value is ProxyError {
  return value instanceof ProxyError;
}

/** An `invalid_request_error` naming the JSON path of the offending field, as Anthropic's API does. */
export function invalidField(path: ReadonlyArray<string | number>, message: string): ProxyError {
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return new ProxyError('INVALID_REQUEST', `${where}${message}`);
}

/** A request feature Bedrock cannot carry on the chosen API: refused, never silently dropped. */
export function unsupportedField(path: ReadonlyArray<string | number>, message: string): ProxyError {
  const where = path.length > 0 ? `${path.join('.')}: ` : '';
  return new ProxyError('UNSUPPORTED_FEATURE', `${where}${message}`);
}
