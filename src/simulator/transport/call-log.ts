import type { SimulatorOperation } from './parse-operation-path.js';
import type { ResponseSink } from './response-sink.js';

export interface RecordedCall {
  operation: SimulatorOperation;
  /** Percent-decoded. */
  modelId: string;
  /** Parsed JSON as received (the raw text when it was not JSON). */
  body: unknown;
  headers: Record<string, string>;
  status: number;
  /**
   * `error`: an HTTP error, an exception frame, a corrupt frame or a reset; `aborted`: the client went
   * away (or the simulator closed) before the response ended, a stalled stream included.
   */
  outcome: 'in_progress' | 'completed' | 'error' | 'aborted';
  /**
   * Body bytes of the answer the connection has accepted so far: a write counts once its callback
   * ran, so a stream held back by a slow reader (backpressure) stops growing here.
   */
  bytesSent: number;
}

export interface CallLog {
  /** Oldest first; the same array object for the simulator's whole life. */
  readonly calls: RecordedCall[];
  record(call: RecordedCall): RecordedCall;
}

export function createCallLog(limit: number): CallLog {
  const calls: RecordedCall[] = [];
  return {
    calls,
    record(call) {
      calls.push(call);
      if (calls.length > limit) calls.splice(0, calls.length - limit);
      return call;
    },
  };
}

/** The response as the answering code sees it, adding every accepted write to `call.bytesSent`. */
export function countBytesSent(response: ResponseSink, call: RecordedCall): ResponseSink {
  return {
    get headersSent() {
      return response.headersSent;
    },
    get socket() {
      return response.socket;
    },
    get stream() {
      return response.stream;
    },
    writeHead: (statusCode, headers) => response.writeHead(statusCode, headers),
    write: (chunk, callback) =>
      response.write(chunk, (error) => {
        if (error === undefined || error === null) call.bytesSent += chunk.byteLength;
        callback?.(error);
      }),
    end: (chunk) => {
      if (chunk !== undefined) call.bytesSent += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      return response.end(chunk);
    },
    once: (event, listener) => response.once(event, listener),
    removeListener: (event, listener) => response.removeListener(event, listener),
    flushHeaders: () => response.flushHeaders?.(),
  };
}

/** Request headers as a flat record, without HTTP/2 pseudo-headers so both protocols look alike. */
export function recordHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}
