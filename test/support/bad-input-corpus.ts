import { jsonBodyCases, seededRandom, validMessagesBody, type JsonBodyCase } from './bad-input-json-cases.js';

/**
 * A deterministic corpus of malformed requests for POST /v1/messages and the HTTP layer under it.
 * Each case is the exact bytes a client sends over a raw socket, and what the server owes it.
 */
export type BadInputCategory =
  | JsonBodyCase['category']
  | 'content-type'
  | 'truncated-body'
  | 'duplicate-header'
  | 'oversized-header'
  | 'route'
  | 'http-version'
  | 'garbage'
  | 'slow-sender';

/**
 * `error-envelope`: a 4xx with the Anthropic JSON envelope. `error-envelope-or-closed`: that, or the
 * connection closed without an answer or with the HTTP layer's own bare 4xx.
 */
export type BadInputExpectation = 'error-envelope' | 'error-envelope-or-closed';

export interface BadInputCase {
  category: BadInputCategory;
  name: string;
  /** Sent at once after connecting. */
  request: Buffer;
  /** Then sent one byte at a time, `pauseMs` apart, until the server answers or closes. */
  trickle?: { bytes: Buffer; pauseMs: number };
  /** Half-close the connection after sending (the body is cut short). */
  endAfterSend?: boolean;
  expect: BadInputExpectation;
}

export interface BadInputCorpusOptions {
  seed: number;
  /** A key the proxy accepts, so bodies reach validation. */
  apiKey: string;
}

export function generateBadInputCorpus({ seed, apiKey }: BadInputCorpusOptions): BadInputCase[] {
  const random = seededRandom(seed);
  const post = (body: Buffer, headers: Record<string, string> = {}) =>
    httpRequest({ method: 'POST', path: '/v1/messages', headers: { ...jsonHeaders(apiKey), 'content-length': String(body.length), ...headers }, body });
  const valid = Buffer.from(JSON.stringify(validMessagesBody()));

  const cases: BadInputCase[] = jsonBodyCases(random).map(({ category, name, body }) => ({ category, name, request: post(body), expect: 'error-envelope' }));
  const add = (category: BadInputCategory, name: string, request: Buffer | string, extra: Partial<BadInputCase> = {}) =>
    cases.push({ category, name, request: Buffer.isBuffer(request) ? request : Buffer.from(request, 'latin1'), expect: 'error-envelope-or-closed', ...extra });

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'application/jsonx', 'text/json', '']) {
    add('content-type', `a valid body sent as "${contentType}"`, post(valid, { 'content-type': contentType }), { expect: 'error-envelope' });
  }
  add('invalid-utf8', 'an x-api-key with bytes that are not UTF-8', post(valid, { 'x-api-key': `${apiKey}\xff\xfe` }), { expect: 'error-envelope' });

  for (const [declared, sent] of [[1000, 100], [65_536, 10], [10, 0]] as const) {
    const head = headLines('POST', '/v1/messages', { ...jsonHeaders(apiKey), 'content-length': String(declared) });
    add('truncated-body', `content-length ${declared}, ${sent} bytes sent, then closed`, Buffer.concat([head, valid.subarray(0, sent)]), { endAfterSend: true });
  }
  add('duplicate-header', 'two different content-length headers', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), `content-length: ${valid.length}`, 'content-length: 5'], valid));
  add('duplicate-header', 'two equal content-length headers', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), `content-length: ${valid.length}`, `content-length: ${valid.length}`], valid));
  add('duplicate-header', 'content-length and chunked transfer-encoding together', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), `content-length: ${valid.length}`, 'transfer-encoding: chunked'], Buffer.from(`${valid.length.toString(16)}\r\n${valid.toString()}\r\n0\r\n\r\n`)));
  add('duplicate-header', 'two x-api-key headers (the same key)', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), `x-api-key: ${apiKey}`, `content-length: ${valid.length}`], valid), { expect: 'error-envelope' });
  add('duplicate-header', 'two x-api-key headers (a wrong one first)', rawHead('POST /v1/messages HTTP/1.1', ['host: proxy', 'content-type: application/json', 'x-api-key: sk-wrong', `x-api-key: ${apiKey}`, 'connection: close', `content-length: ${valid.length}`], valid), { expect: 'error-envelope' });
  add('garbage', 'a chunk size that is not hexadecimal', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), 'transfer-encoding: chunked'], Buffer.from('zz\r\n{}\r\n0\r\n\r\n')));

  add('oversized-header', 'one 100 KB header', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), `x-padding: ${'a'.repeat(100 * 1024)}`, `content-length: ${valid.length}`], valid));
  add('oversized-header', '1000 headers of 100 bytes', rawHead('POST /v1/messages HTTP/1.1', [...headerList(jsonHeaders(apiKey)), ...Array.from({ length: 1000 }, (_, index) => `x-h${index}: ${'b'.repeat(100)}`), `content-length: ${valid.length}`], valid));
  add('oversized-header', 'a 100 KB path', rawHead(`GET /v1/${'p'.repeat(100 * 1024)} HTTP/1.1`, headerList(jsonHeaders(apiKey))));

  for (const [method, path] of [
    ['GET', '/v1/unknown'],
    ['POST', '/v2/messages'],
    ['GET', '/v1/messages'],
    ['DELETE', '/v1/messages'],
    ['PUT', '/v1/messages'],
    ['PATCH', '/v1/messages'],
    ['OPTIONS', '/v1/messages'],
    ['TRACE', '/v1/messages'],
    ['GET', '/../../etc/passwd'],
    ['POST', '/v1/messages/../../admin'],
    ['GET', '/%'],
    ['POST', '/v1/messages%00'],
  ] as const) {
    add('route', `${method} ${path}`, httpRequest({ method, path, headers: jsonHeaders(apiKey) }), { expect: 'error-envelope' });
  }
  add('route', 'CONNECT example.com:443', 'CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n');

  add('http-version', 'HTTP/1.0 with a malformed body', rawHead('POST /v1/messages HTTP/1.0', [...headerList(jsonHeaders(apiKey)).filter((line) => !line.startsWith('connection')), 'content-length: 5'], Buffer.from('{"a":')));
  add('http-version', 'HTTP/1.0 to an unknown route', 'GET /v1/unknown HTTP/1.0\r\n\r\n');
  add('http-version', 'HTTP/1.1 without a host header', 'GET /health HTTP/1.1\r\nconnection: close\r\n\r\n');
  add('http-version', 'HTTP/2.0 in an HTTP/1 request line', 'GET /v1/unknown HTTP/2.0\r\nhost: proxy\r\n\r\n');
  add('http-version', 'HTTP/9.9', 'GET /health HTTP/9.9\r\n\r\n');
  for (const [name, text] of [
    ['a word', 'GARBAGE\r\n\r\n'],
    ['a method alone', 'GET\r\n\r\n'],
    ['a header without a colon', 'GET /health HTTP/1.1\r\nhost: proxy\r\nno colon here\r\n\r\n'],
    ['a space before a header colon', 'GET /health HTTP/1.1\r\nhost : proxy\r\n\r\n'],
    ['a NUL in the path', 'GET /hea\0lth HTTP/1.1\r\nhost: proxy\r\n\r\n'],
    ['a TLS client hello', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'],
    ['the HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
  ] as const) {
    add('garbage', name, text);
  }
  for (let index = 0; index < 6; index += 1) {
    const noise = Buffer.from(Array.from({ length: 16 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    add('garbage', `${noise.length} random bytes (${index + 1})`, Buffer.concat([noise, Buffer.from('\r\n\r\n')]));
  }

  add('slow-sender', 'headers sent a byte at a time', Buffer.alloc(0), {
    trickle: { bytes: Buffer.concat([headLines('POST', '/v1/messages', jsonHeaders(apiKey)).subarray(0, -2), Buffer.from(`x-slow: ${'s'.repeat(5000)}`)]), pauseMs: 100 },
  });
  add('slow-sender', 'a body trickling in', headLines('POST', '/v1/messages', { ...jsonHeaders(apiKey), 'content-length': '100000' }), {
    trickle: { bytes: Buffer.from(`{"model":"${'m'.repeat(5000)}`), pauseMs: 100 },
  });
  // HTTP/1.1 servers skip blank lines before a request line, so this is an idle connection until the headers timeout.
  add('slow-sender', 'blank lines, then nothing', '\r\n\r\n\r\n\r\n');
  add('slow-sender', 'headers complete, the body never sent', headLines('POST', '/v1/messages', { ...jsonHeaders(apiKey), 'content-length': '100' }));
  return cases;
}

function jsonHeaders(apiKey: string): Record<string, string> {
  return { host: 'proxy', 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', connection: 'close' };
}

function headerList(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
}

function headLines(method: string, path: string, headers: Record<string, string>): Buffer {
  return Buffer.from(`${method} ${path} HTTP/1.1\r\n${headerList(headers).join('\r\n')}\r\n\r\n`, 'latin1');
}

function httpRequest({ method, path, headers, body }: { method: string; path: string; headers: Record<string, string>; body?: Buffer }): Buffer {
  return Buffer.concat([headLines(method, path, headers), body ?? Buffer.alloc(0)]);
}

function rawHead(requestLine: string, lines: readonly string[], body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from(`${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
