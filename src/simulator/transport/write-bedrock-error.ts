import type { ResponseSink } from './response-sink.js';

export interface BedrockErrorResponse {
  status: number;
  /** The error type, sent only in `x-amzn-errortype` (never in the body), like Bedrock. */
  name: string;
  message: string;
  requestId: string;
  /** Extra body members (ModelErrorException's `originalStatusCode`, `resourceName`). */
  extra?: Record<string, unknown>;
}

// Authentication failures come from the Coral service layer, the rest from Bedrock itself.
const serviceErrors = new Set([
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'UnrecognizedClientException',
]);

export function writeBedrockError(response: ResponseSink, error: BedrockErrorResponse): void {
  const namespace = serviceErrors.has(error.name) ? 'com.amazon.coral.service' : 'com.amazon.bedrock';
  const body = JSON.stringify({ message: error.message, ...error.extra });
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': `${error.name}:http://internal.amazon.com/coral/${namespace}/`,
    'x-amzn-requestid': error.requestId,
  });
  response.end(body);
}

const unknownOperationBody = JSON.stringify({
  Output: { __type: 'com.amazon.coral.service#UnknownOperationException' },
  Version: '1.0',
});

/** What Bedrock answers (HTTP 200!) for a path it has no operation for, such as an un-encoded ARN. */
export function writeUnknownOperation(response: ResponseSink, requestId: string): void {
  response.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(unknownOperationBody),
    'x-amzn-requestid': requestId,
  });
  response.end(unknownOperationBody);
}
