import { describe, expect, it } from 'vitest';
import { throttledRetryAfterSeconds, mapBedrockError, mapStreamException } from '../../src/bedrock/map-bedrock-error.js';

describe('mapBedrockError', () => {
  it.each([
    ['ValidationException', 400, {}, 'BEDROCK_VALIDATION', 400, 'invalid_request_error'],
    ['ConflictException', 400, {}, 'BEDROCK_VALIDATION', 400, 'invalid_request_error'],
    ['AccessDeniedException', 403, {}, 'BEDROCK_ACCESS_DENIED', 403, 'permission_error'],
    ['ResourceNotFoundException', 404, {}, 'BEDROCK_NOT_FOUND', 404, 'not_found_error'],
    ['ThrottlingException', 429, {}, 'BEDROCK_THROTTLED', 429, 'rate_limit_error'],
    ['ServiceQuotaExceededException', 400, {}, 'BEDROCK_QUOTA_EXCEEDED', 429, 'rate_limit_error'],
    ['ModelTimeoutException', 408, {}, 'BEDROCK_MODEL_TIMEOUT', 504, 'timeout_error'],
    ['ModelNotReadyException', 429, {}, 'BEDROCK_MODEL_NOT_READY', 529, 'overloaded_error'],
    ['ModelErrorException', 424, { originalStatusCode: 400 }, 'BEDROCK_MODEL_ERROR_CLIENT', 400, 'invalid_request_error'],
    ['ModelErrorException', 424, { originalStatusCode: 422 }, 'BEDROCK_MODEL_ERROR_CLIENT', 400, 'invalid_request_error'],
    ['ModelErrorException', 424, { originalStatusCode: 500 }, 'BEDROCK_MODEL_ERROR', 500, 'api_error'],
    ['ModelErrorException', 424, {}, 'BEDROCK_MODEL_ERROR', 500, 'api_error'],
    ['ModelStreamErrorException', 424, { originalStatusCode: 529 }, 'BEDROCK_STREAM_OVERLOADED', 529, 'overloaded_error'],
    ['ModelStreamErrorException', 424, { originalStatusCode: 500 }, 'BEDROCK_STREAM_ERROR', 500, 'api_error'],
    ['ServiceUnavailableException', 503, {}, 'BEDROCK_UNAVAILABLE', 529, 'overloaded_error'],
    ['InternalServerException', 500, {}, 'BEDROCK_INTERNAL', 500, 'api_error'],
  ] as const)('%s (HTTP %i, body %j) → %s', (errorType, status, body, code, proxyStatus, type) => {
    const error = mapBedrockError({ errorType, status, message: 'upstream says no', body });
    expect({ code: error.code, status: error.status, type: error.type, message: error.message }).toEqual({
      code,
      status: proxyStatus,
      type,
      message: 'upstream says no',
    });
  });

  it.each([
    'UnrecognizedClientException',
    'InvalidSignatureException',
    'ExpiredTokenException',
    'MissingAuthenticationTokenException',
  ])('%s → BEDROCK_CREDENTIALS that names the proxy credentials, not the client key', (errorType) => {
    const error = mapBedrockError({ errorType, status: 403, message: 'The security token included in the request is invalid.' });
    expect(error.code).toBe('BEDROCK_CREDENTIALS');
    expect(error.status).toBe(500);
    expect(error.message).toContain("the proxy's own AWS credentials");
    expect(error.message).toContain("the client's API key is not the problem");
    expect(error.message).toContain(errorType);
    expect((error.cause as Error).message).toBe(`${errorType}: The security token included in the request is invalid.`);
  });

  it('carries retry-after seconds on throttling', () => {
    const error = mapBedrockError({ errorType: 'ThrottlingException', status: 429, message: 'slow down', retryAfterSeconds: 7 });
    expect(error.retryAfterSeconds).toBe(7);
  });

  it.each([
    [{ errorType: 'ThrottlingException', status: 429 }, throttledRetryAfterSeconds],
    [{ errorType: 'ServiceQuotaExceededException', status: 400 }, throttledRetryAfterSeconds],
    [{ errorType: undefined, status: 429 }, throttledRetryAfterSeconds],
    [{ errorType: 'ServiceUnavailableException', status: 503 }, undefined],
    [{ errorType: 'ValidationException', status: 400 }, undefined],
  ])('asks throttled clients to wait when Bedrock sent no retry hint: %j', (input, expected) => {
    expect(mapBedrockError({ ...input, message: 'x' }).retryAfterSeconds).toBe(expected);
  });

  it('adds an inference-profile hint to the on-demand throughput validation error', () => {
    const message =
      "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.";
    const error = mapBedrockError({ errorType: 'ValidationException', status: 400, message });
    expect(error.code).toBe('BEDROCK_VALIDATION');
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.message).toContain('Hint: call this model through an inference profile');
  });

  it.each([
    [undefined, 400, 'BEDROCK_VALIDATION'],
    [undefined, 401, 'BEDROCK_CREDENTIALS'],
    [undefined, 403, 'BEDROCK_ACCESS_DENIED'],
    [undefined, 404, 'BEDROCK_NOT_FOUND'],
    [undefined, 429, 'BEDROCK_THROTTLED'],
    [undefined, 502, 'BEDROCK_INTERNAL'],
    [undefined, 503, 'BEDROCK_UNAVAILABLE'],
    ['SomethingNewException', 500, 'BEDROCK_INTERNAL'],
  ] as const)('an unknown type %s with HTTP %i → %s', (errorType, status, code) => {
    const error = mapBedrockError({ errorType, status, message: 'gateway text' });
    expect(error.code).toBe(code);
    if (code !== 'BEDROCK_CREDENTIALS') {
      expect(error.message).toBe(`Bedrock answered ${errorType ?? `HTTP ${status}`}: gateway text`);
    }
  });
});

describe('mapStreamException', () => {
  it.each([
    ['modelStreamErrorException', { message: 'm', originalStatusCode: 529 }, 'BEDROCK_STREAM_OVERLOADED', 529],
    ['modelStreamErrorException', { message: 'm', originalStatusCode: 503 }, 'BEDROCK_STREAM_OVERLOADED', 529],
    ['modelStreamErrorException', { message: 'm', originalStatusCode: 500 }, 'BEDROCK_STREAM_ERROR', 500],
    ['modelStreamErrorException', { message: 'm' }, 'BEDROCK_STREAM_ERROR', 500],
    ['throttlingException', { message: 'm' }, 'BEDROCK_THROTTLED', 429],
    ['serviceUnavailableException', { message: 'm' }, 'BEDROCK_UNAVAILABLE', 529],
    ['internalServerException', { message: 'm' }, 'BEDROCK_INTERNAL', 500],
    ['validationException', { message: 'm' }, 'BEDROCK_VALIDATION', 400],
    ['modelTimeoutException', { message: 'm' }, 'BEDROCK_MODEL_TIMEOUT', 504],
  ] as const)('%s %j → %s', (exceptionType, payload, code, status) => {
    const error = mapStreamException(exceptionType, payload);
    expect({ code: error.code, status: error.status, message: error.message }).toEqual({ code, status, message: 'm' });
  });

  it('adds the original message of a model stream error', () => {
    const error = mapStreamException('modelStreamErrorException', {
      message: 'Model Stream Error',
      originalStatusCode: 500,
      originalMessage: 'The model stream failed.',
    });
    expect(error.message).toBe('Model Stream Error: The model stream failed.');
  });

  it('maps an unknown exception name to BEDROCK_INTERNAL naming it', () => {
    const error = mapStreamException('brandNewException', { message: 'odd' });
    expect(error.code).toBe('BEDROCK_INTERNAL');
    expect(error.message).toBe('Bedrock stream failed with brandNewException: odd');
  });
});
