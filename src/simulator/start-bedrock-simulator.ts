import { randomBytes } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import type { AnswerRandom } from './answer/plan-answer.js';
import { createFailureCounter } from './faults/failure-counter.js';
import { handleRequest } from './handle-request.js';
import type { RequestContext } from './request-context.js';
import type { MockScript } from './script.js';
import { createCacheLedger } from './transport/cache-ledger.js';
import { createCallLog, type RecordedCall } from './transport/call-log.js';
import { createStreamFrameEncoder } from './transport/encode-stream-frame.js';
import type { ResponseSink } from './transport/response-sink.js';
import { sniffProtocol } from './transport/sniff-protocol.js';
import { createSignatureVerifier } from './verify-signature.js';

export type { RecordedCall } from './transport/call-log.js';

export interface BedrockSimulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** When given, every request's SigV4 signature is verified with these credentials (service `bedrock`, any region). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Used when a request carries no MOCK_BEDROCK directive (benchmarks use a fixed fast answer). */
  defaultScript?: MockScript;
}

export interface BedrockSimulator {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  /** The most recent 1000 calls, oldest first. */
  calls: RecordedCall[];
  /** Closes listeners and every open connection and HTTP/2 session. */
  close(): Promise<void>;
}

const recordedCallLimit = 1000;
const cachePrefixLimit = 10_000;
const failureIdLimit = 10_000;
const identifierAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const alphanumericAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A Bedrock Runtime on one port, HTTP/1.1 and h2c: Converse, InvokeModel, their streaming forms and CountTokens. */
export async function startBedrockSimulator(options: BedrockSimulatorOptions = {}): Promise<BedrockSimulator> {
  const callLog = createCallLog(recordedCallLimit);
  const context: RequestContext = {
    defaultScript: options.defaultScript,
    verifier: options.credentials === undefined ? undefined : createSignatureVerifier(options.credentials),
    callLog,
    cacheLedger: createCacheLedger(cachePrefixLimit),
    frames: createStreamFrameEncoder(Math.random),
    random: randomAnswerSource({ prefix: 'tooluse_', alphabet: identifierAlphabet, length: 22 }),
    nativeRandom: randomAnswerSource({ prefix: 'toolu_bdrk_01', alphabet: alphanumericAlphabet, length: 24 }),
    messageId: () => randomIdentifier({ prefix: 'msg_bdrk_01', alphabet: alphanumericAlphabet, length: 24 }),
    failures: createFailureCounter(failureIdLimit),
    inFlight: new Set(),
  };
  const onRequest = (request: http.IncomingMessage | http2.Http2ServerRequest, response: ResponseSink): void => {
    handleRequest(request, response, context).catch(() => {
      // The response could not even carry an error (the connection is gone): drop it.
      request.destroy();
    });
  };
  const http1Server = http.createServer((request, response) => onRequest(request, response));
  const http2Server = http2.createServer((request, response) => onRequest(request, response));
  const sockets = new Set<Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  http2Server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset connection must not take the process down; the protocol servers report their own errors.
    socket.on('error', () => undefined);
    sniffProtocol(socket, {
      http1: (connection) => http1Server.emit('connection', connection),
      http2: (connection) => http2Server.emit('connection', connection),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    calls: callLog.calls,
    close: async () => {
      for (const controller of context.inFlight) controller.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      // The protocol servers never listened; closing them stops their connection bookkeeping.
      http1Server.close();
      http2Server.close();
      await closed;
    },
  };
}

interface IdentifierFormat {
  prefix: string;
  alphabet: string;
  length: number;
}

function randomAnswerSource(toolUseIds: IdentifierFormat): AnswerRandom {
  return {
    toolUseId: () => randomIdentifier(toolUseIds),
    signature: () => randomBytes(192).toString('base64'),
  };
}

function randomIdentifier({ prefix, alphabet, length }: IdentifierFormat): string {
  let id = prefix;
  for (const byte of randomBytes(length)) id += alphabet[byte % alphabet.length];
  return id;
}
