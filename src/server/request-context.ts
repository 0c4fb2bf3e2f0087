import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestId: string;
  /** `performance.now()` when the request arrived. */
  readonly receivedAt: number;
  /** Aborted when the client goes away before the response is complete. */
  readonly clientGone: AbortSignal;
  /** The parsed JSON body, once read. */
  body: unknown;
  /** Filled in by the messages route, for the request log line. */
  model?: string;
}
