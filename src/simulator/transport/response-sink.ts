import type { OutgoingHttpHeaders } from 'node:http';
import type { ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';

/** What the simulator needs from an HTTP/1.1 `ServerResponse` or an HTTP/2 compatibility response. */
export interface ResponseSink {
  readonly headersSent: boolean;
  writeHead(statusCode: number, headers: OutgoingHttpHeaders): unknown;
  /** The callback runs once the chunk has been handed to the connection. */
  write(chunk: Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'close' | 'finish' | 'drain', listener: () => void): unknown;
  removeListener(event: 'close' | 'finish' | 'drain', listener: () => void): unknown;
  /** HTTP/1.1 only: sends the status and headers now (HTTP/2 sends them with `writeHead`). */
  flushHeaders?(): void;
  /** The connection (HTTP/1.1), used to reset it on purpose. */
  readonly socket?: Socket | null;
  /** HTTP/2 only: the response's stream. */
  readonly stream?: ServerHttp2Stream;
}
