import type { Dispatcher } from 'undici';
import { ProxyError } from '../errors.js';
import { mapTransportError, type TransportErrorContext } from './map-transport-error.js';
import { readBounded, readErrorResponse, unroutedOperationError } from './read-error-response.js';

const eventStreamContentType = 'application/vnd.amazon.eventstream';
/** A stray non-event-stream answer to a streaming operation is only read to explain the failure. */
const maximumUnexpectedBodyBytes = 64 * 1024;

/** The JSON object a Bedrock operation answered; its error (or an unrouted 200) thrown as a ProxyError. */
export async function readJsonObject(
  response: Dispatcher.ResponseData,
  context: TransportErrorContext,
  operation: string,
): Promise<Record<string, unknown>> {
  if (!isSuccess(response.statusCode)) throw await readErrorSafely(response, context);
  let text: string;
  try {
    text = await response.body.text();
  } catch (error) {
    throw mapTransportError(error, context);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock answered ${operation} with a body that is not JSON`, { cause: error });
  }
  const unrouted = unroutedOperationError(value);
  if (unrouted !== undefined) throw unrouted;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProxyError('BEDROCK_BAD_RESPONSE', `Bedrock answered ${operation} with a body that is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Throws unless the response is a successful event stream, whose body the caller then decodes. */
export async function checkEventStream(response: Dispatcher.ResponseData, context: TransportErrorContext, operation: string): Promise<void> {
  if (!isSuccess(response.statusCode)) throw await readErrorSafely(response, context);
  if (contentTypeOf(response).startsWith(eventStreamContentType)) return;
  let text: string;
  try {
    text = await readBounded(response.body, maximumUnexpectedBodyBytes);
  } catch (error) {
    throw mapTransportError(error, context);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  throw (
    unroutedOperationError(parsed) ??
    new ProxyError(
      'BEDROCK_BAD_RESPONSE',
      `Bedrock answered ${operation} with content-type "${contentTypeOf(response)}" instead of an event stream`,
    )
  );
}

/** Makes `return()` release the connection even when iteration never started. */
export function releasingOnReturn<Event>(
  events: AsyncGenerator<Event, void, undefined>,
  body: Dispatcher.ResponseData['body'],
): AsyncIterable<Event> {
  const iterator: AsyncIterableIterator<Event> = {
    next: () => events.next(),
    return: (value?: unknown) => {
      if (!body.destroyed) body.destroy();
      return events.return(value as undefined);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

export function requestIdOf(response: Dispatcher.ResponseData): string {
  const value = response.headers['x-amzn-requestid'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

async function readErrorSafely(response: Dispatcher.ResponseData, context: TransportErrorContext): Promise<unknown> {
  try {
    return await readErrorResponse(response);
  } catch (error) {
    return mapTransportError(error, context);
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function contentTypeOf(response: Dispatcher.ResponseData): string {
  const value = response.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
