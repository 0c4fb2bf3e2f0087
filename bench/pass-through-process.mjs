/**
 * The reference limit: a bare node:http server that forwards each request to the simulator over a
 * keep-alive undici Pool and pipes status, headers and body back. No signing, no parsing, no
 * conversion, so the gap between it and the proxy is the proxy's own work.
 * Usage: node bench/pass-through-process.mjs <upstream URL>
 */
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';

const upstream = process.argv[2];
if (upstream === undefined) {
  process.stderr.write('usage: pass-through-process.mjs <upstream URL>\n');
  process.exit(2);
}
// The proxy's Bedrock pool also allows 128 connections per origin: same queueing at 200 clients.
const pool = new Pool(upstream, { connections: 128 });
const hopByHopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding']);

const server = http.createServer((request, res) => {
  forward(request, res).catch(() => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end();
  });
});

/** @param {http.IncomingMessage} request @param {http.ServerResponse} res */
async function forward(request, res) {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const headers = { 'content-type': 'application/json', authorization: 'Bearer bench' };
  const contentLength = request.headers['content-length'];
  if (contentLength !== undefined) Object.assign(headers, { 'content-length': contentLength });
  const answer = await pool.request({
    method: /** @type {import('undici').Dispatcher.HttpMethod} */ (request.method ?? 'POST'),
    path: request.url ?? '/',
    headers,
    body: request,
    signal: abort.signal,
  });
  /** @type {Record<string, string | string[]>} */
  const responseHeaders = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !hopByHopHeaders.has(name)) responseHeaders[name] = value;
  }
  res.writeHead(answer.statusCode, responseHeaders);
  await pipeline(answer.body, res);
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('pass-through: no TCP address');
  process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.closeAllConnections();
  server.close();
  await pool.destroy();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
