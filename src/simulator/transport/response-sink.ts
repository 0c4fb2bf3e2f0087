import type { OutgoingHttpHeaders } from 'node:http';

/** What the simulator needs from an HTTP/1.1 `ServerResponse` or an HTTP/2 compatibility response. */
export interface ResponseSink {
  readonly headersSent: boolean;
  writeHead(statusCode: number, headers: OutgoingHttpHeaders): unknown;
  write(chunk: Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'close' | 'finish' | 'drain', listener: () => void): unknown;
  removeListener(event: 'close' | 'finish' | 'drain', listener: () => void): unknown;
}
