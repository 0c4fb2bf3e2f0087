import type { IncomingHttpHeaders } from 'node:http';
import { ProxyError } from '../errors.js';
import { mapBedrockError } from './map-bedrock-error.js';

/** Enough for any Bedrock error body; a larger one is not from Bedrock and is cut off. */
const maximumErrorBodyBytes = 1024 * 1024;
const maximumMessageCharacters = 2_000;

export interface ErrorResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Uint8Array>;
}

/** A non-2xx Bedrock response → ProxyError (reads at most 1 MB of the body). */
export async function readErrorResponse(response: ErrorResponse): Promise<ProxyError> {
  const text = await readBounded(response.body, maximumErrorBodyBytes);
  const body = parseObject(text);
  const errorType = typeFromHeader(firstHeader(response.headers['x-amzn-errortype'])) ?? typeFromBody(body?.['__type']);
  const message =
    stringField(body, 'message') ??
    stringField(body, 'Message') ??
    (text.trim() === '' ? `HTTP ${response.statusCode} without a message` : text.trim().slice(0, maximumMessageCharacters));
  const retryAfterSeconds = parseRetryAfter(firstHeader(response.headers['retry-after']));
  return mapBedrockError({
    errorType,
    status: response.statusCode,
    message,
    ...(body === undefined ? {} : { body }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });
}

/** A JSON body whose `Output.__type` names an error is Bedrock's answer to a path it did not route. */
export function unroutedOperationError(value: unknown): ProxyError | undefined {
  if (typeof value !== 'object' || value === null || !('Output' in value)) return undefined;
  const output = value.Output;
  if (typeof output !== 'object' || output === null || !('__type' in output)) return undefined;
  const type = typeof output.__type === 'string' ? output.__type : 'an unknown error';
  return new ProxyError(
    'BEDROCK_BAD_RESPONSE',
    `Bedrock answered HTTP 200 with ${type}: it did not recognise the operation, which happens when the model id in the path is not percent-encoded or the endpoint is not Bedrock Runtime`,
  );
}

export async function readBounded(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks, Math.min(length, limit)).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/` → `ValidationException`. */
function typeFromHeader(value: string | undefined): string | undefined {
  const type = value?.split(':')[0]?.trim();
  return type === undefined || type === '' ? undefined : type;
}

/** `com.amazon.coral.validate#ValidationException` → `ValidationException`. */
function typeFromBody(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return typeFromHeader(value.slice(value.lastIndexOf('#') + 1));
}

function stringField(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
