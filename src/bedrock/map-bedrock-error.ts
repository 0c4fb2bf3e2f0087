import { ProxyError } from '../errors.js';

export interface BedrockErrorInput {
  /** Bedrock's exception name without namespace or suffix, e.g. `ThrottlingException`. */
  errorType: string | undefined;
  status: number;
  message: string;
  body?: Record<string, unknown>;
  retryAfterSeconds?: number;
}

const credentialErrorTypes = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
]);

const onDemandUnsupportedPattern = /on-demand throughput isn.t supported/i;

/**
 * Bedrock sends no retry hint when it throttles. Clients (the Anthropic SDKs, Claude Code) wait for
 * `retry-after` when it is present, so a throttled call tells them to come back in a moment
 * rather than at once.
 */
export const throttledRetryAfterSeconds = 2;

/** Bedrock error (errortype header/body, HTTP status) → ProxyError, per spec §6.1. */
export function mapBedrockError(input: BedrockErrorInput): ProxyError {
  const { errorType, message } = input;
  const options = input.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: input.retryAfterSeconds };
  const throttledOptions = { retryAfterSeconds: input.retryAfterSeconds ?? throttledRetryAfterSeconds };
  if (errorType !== undefined && credentialErrorTypes.has(errorType)) {
    return rejectedCredentials(errorType, message);
  }
  switch (errorType) {
    case 'ValidationException':
    case 'ConflictException':
      return new ProxyError('BEDROCK_VALIDATION', withInferenceProfileHint(message), options);
    case 'AccessDeniedException':
      return new ProxyError('BEDROCK_ACCESS_DENIED', message, options);
    case 'ResourceNotFoundException':
      return new ProxyError('BEDROCK_NOT_FOUND', message, options);
    case 'ThrottlingException':
      return new ProxyError('BEDROCK_THROTTLED', message, throttledOptions);
    case 'ServiceQuotaExceededException':
      return new ProxyError('BEDROCK_QUOTA_EXCEEDED', message, throttledOptions);
    case 'ModelTimeoutException':
      return new ProxyError('BEDROCK_MODEL_TIMEOUT', message, options);
    case 'ModelNotReadyException':
      return new ProxyError('BEDROCK_MODEL_NOT_READY', message, options);
    case 'ModelErrorException': {
      const code = isClientStatus(input.body?.['originalStatusCode']) ? 'BEDROCK_MODEL_ERROR_CLIENT' : 'BEDROCK_MODEL_ERROR';
      return new ProxyError(code, message, options);
    }
    case 'ModelStreamErrorException':
      return modelStreamError(message, input.body ?? {});
    case 'ServiceUnavailableException':
      return new ProxyError('BEDROCK_UNAVAILABLE', message, options);
    case 'InternalServerException':
      return new ProxyError('BEDROCK_INTERNAL', message, options);
    default:
      return mapByStatus(input, input.status === 429 ? throttledOptions : options);
  }
}

/** In-stream exception frame (`:exception-type`, payload) → ProxyError. */
export function mapStreamException(exceptionType: string, payload: Record<string, unknown>): ProxyError {
  const message = typeof payload['message'] === 'string' ? payload['message'] : exceptionType;
  switch (exceptionType) {
    case 'modelStreamErrorException':
      return modelStreamError(message, payload);
    case 'throttlingException':
      return new ProxyError('BEDROCK_THROTTLED', message);
    case 'serviceUnavailableException':
      return new ProxyError('BEDROCK_UNAVAILABLE', message);
    case 'internalServerException':
      return new ProxyError('BEDROCK_INTERNAL', message);
    case 'validationException':
      return new ProxyError('BEDROCK_VALIDATION', withInferenceProfileHint(message));
    case 'modelTimeoutException':
      return new ProxyError('BEDROCK_MODEL_TIMEOUT', message);
    default:
      return new ProxyError('BEDROCK_INTERNAL', `Bedrock stream failed with ${exceptionType}: ${message}`);
  }
}

function modelStreamError(message: string, payload: Record<string, unknown>): ProxyError {
  const originalStatus = payload['originalStatusCode'];
  const overloaded = originalStatus === 529 || originalStatus === 503;
  const originalMessage = typeof payload['originalMessage'] === 'string' ? payload['originalMessage'] : undefined;
  const text = originalMessage === undefined || originalMessage === message ? message : `${message}: ${originalMessage}`;
  return new ProxyError(overloaded ? 'BEDROCK_STREAM_OVERLOADED' : 'BEDROCK_STREAM_ERROR', text);
}

function rejectedCredentials(errorType: string, message: string): ProxyError {
  return new ProxyError(
    'BEDROCK_CREDENTIALS',
    `Bedrock rejected the proxy's own AWS credentials (${errorType}); the proxy's AWS configuration must be fixed, the client's API key is not the problem`,
    { cause: new Error(`${errorType}: ${message}`) },
  );
}

/** Errors without a recognised type, e.g. from a load balancer or a VPC endpoint in front of Bedrock. */
function mapByStatus(input: BedrockErrorInput, options: { retryAfterSeconds?: number }): ProxyError {
  const name = input.errorType ?? `HTTP ${input.status}`;
  const message = `Bedrock answered ${name}: ${input.message}`;
  if (input.status === 401) return rejectedCredentials(name, input.message);
  if (input.status === 403) return new ProxyError('BEDROCK_ACCESS_DENIED', message, options);
  if (input.status === 404) return new ProxyError('BEDROCK_NOT_FOUND', message, options);
  if (input.status === 408) return new ProxyError('BEDROCK_MODEL_TIMEOUT', message, options);
  if (input.status === 429) return new ProxyError('BEDROCK_THROTTLED', message, options);
  if (input.status === 503) return new ProxyError('BEDROCK_UNAVAILABLE', message, options);
  if (input.status === 400 || input.status === 413 || input.status === 422) {
    return new ProxyError('BEDROCK_VALIDATION', message, options);
  }
  return new ProxyError('BEDROCK_INTERNAL', message, options);
}

function withInferenceProfileHint(message: string): string {
  if (!onDemandUnsupportedPattern.test(message)) return message;
  return `${message} (Hint: call this model through an inference profile: a geographic or global profile id such as us.<model id> or global.<model id>, or an inference-profile ARN.)`;
}

function isClientStatus(value: unknown): boolean {
  return typeof value === 'number' && value >= 400 && value < 500;
}
