import { isProxyError, ProxyError } from '../errors.js';

export interface TransportErrorContext {
  signal: AbortSignal | undefined;
  /** 'stream': the response had started, so a broken connection is an incomplete stream. */
  phase: 'request' | 'stream';
  origin: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** A failure of the HTTP exchange itself → ProxyError; an abort through the call's signal stays the abort. */
export function mapTransportError(error: unknown, context: TransportErrorContext): unknown {
  if (context.signal?.aborted === true) return context.signal.reason ?? error;
  if (isProxyError(error)) return error;
  const code = errorCode(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new ProxyError('UPSTREAM_TIMEOUT', `Bedrock sent no response headers within ${context.headersTimeoutMs} ms`, {
      cause: error,
    });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return new ProxyError('UPSTREAM_TIMEOUT', `Bedrock sent nothing for ${context.bodyTimeoutMs} ms while responding`, {
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  const detail = code === undefined || reason.includes(code) ? reason : `${code}: ${reason}`;
  if (context.phase === 'stream') {
    return new ProxyError('STREAM_INCOMPLETE', `The Bedrock stream broke off: ${detail}`, { cause: error });
  }
  return new ProxyError('BEDROCK_UNREACHABLE', `Bedrock could not be reached at ${context.origin}: ${detail}`, {
    cause: error,
  });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
