import type { SimulatorOperation } from './parse-operation-path.js';

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

/** Request headers as a flat record, without HTTP/2 pseudo-headers so both protocols look alike. */
export function recordHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}
