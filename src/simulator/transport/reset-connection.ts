import { constants } from 'node:http2';
import type { ResponseSink } from './response-sink.js';

/**
 * Breaks a response off the way a failing network does: HTTP/2 resets the stream (RST_STREAM,
 * INTERNAL_ERROR) and leaves the session to other requests; HTTP/1.1 resets the TCP connection.
 */
export function resetConnection(response: ResponseSink): void {
  if (response.stream !== undefined) {
    response.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  const socket = response.socket;
  if (socket === undefined || socket === null) return;
  try {
    socket.resetAndDestroy();
  } catch {
    // Not a TCP handle (or already closed): an ordinary destroy still cuts the response short.
    socket.destroy();
  }
}
