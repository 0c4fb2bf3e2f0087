import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientIdentity } from './create-key-authenticator.js';
import type { UsageDraft } from './usage-draft.js';

export interface RequestContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestId: string;
  /** When the request arrived: wall clock for records, `performance.now()` for durations. */
  readonly receivedAt: Date;
  readonly startedAt: number;
  /** Aborted when the client goes away before the response is complete. */
  readonly clientGone: AbortSignal;
  /** Aborted when the client goes away or the proxy ends the request while shutting down: what Bedrock calls listen to. */
  readonly cancelled: AbortSignal;
  /** The parsed JSON body, once read. */
  body: unknown;
  /** Who is calling, once authenticated. */
  identity?: ClientIdentity;
  /** What the request spent, filled in along the way. */
  readonly usage: UsageDraft;
}
