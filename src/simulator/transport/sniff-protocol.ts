import type { Socket } from 'node:net';

const http2Preface = Buffer.from('PRI * HTTP/2.0\r\n');
const decisiveLength = 4;

export interface ProtocolTargets {
  http1(socket: Socket): void;
  http2(socket: Socket): void;
}

/**
 * Reads the first bytes of a connection to tell HTTP/2 prior knowledge (`PRI * HTTP/2.0`) from
 * HTTP/1.1, puts them back, and hands the socket over.
 */
export function sniffProtocol(socket: Socket, targets: ProtocolTargets): void {
  let received: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const compared = Math.min(received.length, decisiveLength);
    const couldBeHttp2 = received.subarray(0, compared).equals(http2Preface.subarray(0, compared));
    if (couldBeHttp2 && received.length < decisiveLength) return;
    socket.removeListener('data', onData);
    socket.pause();
    socket.unshift(received);
    if (couldBeHttp2) {
      // The HTTP/2 session reads the bytes put back itself; resuming here would lose them.
      targets.http2(socket);
    } else {
      targets.http1(socket);
      socket.resume();
    }
  };
  socket.on('data', onData);
}
