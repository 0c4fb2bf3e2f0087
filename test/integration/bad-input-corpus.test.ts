import net from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBadInputCorpus, type BadInputCase } from '../support/bad-input-corpus.js';
import { validMessagesBody } from '../support/bad-input-json-cases.js';
import { rawRequest } from '../support/raw-http.js';
import { testMasterKey, useTestProxy } from '../support/start-test-proxy.js';

/** Per-case limits, overridable for slower machines. */
const caseLimitMs = Number(process.env.BAD_INPUT_CASE_LIMIT_MS ?? 5000);
const slowCaseLimitMs = Number(process.env.BAD_INPUT_SLOW_CASE_LIMIT_MS ?? 10_000);
/** Heap still in use after the whole corpus and a full collection, beyond what was in use before. */
const heapGrowthLimitBytes = 64 * 1024 * 1024;

const stack = useTestProxy({ HEADERS_TIMEOUT: '2', REQUEST_TIMEOUT: '4', RATE_LIMIT_ENABLED: 'false' });
const corpus = generateBadInputCorpus({ seed: 20_260_101, apiKey: testMasterKey });
const slowCases = corpus.filter((entry) => entry.category === 'slow-sender');
const quickCases = corpus.filter((entry) => entry.category !== 'slow-sender');

interface Exchange {
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** The server closed (or reset) the connection. */
  closed: boolean;
  /** A complete response arrived (status, headers and a body as long as its content-length). */
  complete: boolean;
  elapsedMs: number;
}

/** Sends a case's bytes over a raw socket and reads until a complete response, a close, or the limit. */
function exchange(target: { host: string; port: number }, entry: BadInputCase, limitMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    const socket = net.connect(target);
    const chunks: Buffer[] = [];
    const result: Exchange = { status: undefined, headers: {}, body: '', closed: false, complete: false, elapsedMs: 0 };
    let trickleTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(limitTimer);
      clearTimeout(trickleTimer);
      result.elapsedMs = Math.round(performance.now() - startedAt);
      socket.destroy();
      resolve(result);
    };
    const limitTimer = setTimeout(settle, limitMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      Object.assign(result, parseResponse(Buffer.concat(chunks)));
      if (result.complete) settle();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      result.closed = true;
      settle();
    });
    socket.on('connect', () => {
      socket.write(entry.request);
      if (entry.endAfterSend === true) socket.end();
      const trickle = entry.trickle;
      if (trickle === undefined) return;
      let sent = 0;
      const sendNext = () => {
        if (settled || chunks.length > 0 || sent >= trickle.bytes.length) return;
        socket.write(trickle.bytes.subarray(sent, sent + 1));
        sent += 1;
        trickleTimer = setTimeout(sendNext, trickle.pauseMs);
      };
      sendNext();
    });
  });
}

function parseResponse(raw: Buffer): Pick<Exchange, 'status' | 'headers' | 'body' | 'complete'> {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd === -1) return { status: undefined, headers: {}, body: '', complete: false };
  const [statusLine = '', ...lines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.subarray(headEnd + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: body.toString('utf8'),
    complete: length !== undefined && body.length >= length,
  };
}

const errorTypes = ['invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'request_too_large', 'rate_limit_error'];

/** What went wrong with an answer, or undefined when it is what the case is owed. */
function verdict(entry: BadInputCase, answer: Exchange): string | undefined {
  if (answer.status !== undefined && (answer.status < 400 || answer.status > 499)) return `status ${answer.status}: ${answer.body.slice(0, 300)}`;
  const envelope = envelopeProblem(answer);
  if (envelope === undefined) return undefined;
  if (entry.expect === 'error-envelope') return envelope;
  if (!answer.closed) return `neither answered nor closed within the limit (${answer.elapsedMs} ms; ${envelope})`;
  return undefined;
}

function envelopeProblem(answer: Exchange): string | undefined {
  if (!answer.complete || answer.status === undefined) return 'no complete response';
  let body: { type?: unknown; error?: { type?: unknown; message?: unknown }; request_id?: unknown };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return `a ${answer.status} without a JSON body`;
  }
  if (body.type !== 'error' || typeof body.error?.message !== 'string' || body.error.message.length === 0) return `not an error envelope: ${answer.body.slice(0, 200)}`;
  if (!errorTypes.includes(String(body.error.type))) return `unexpected error type ${String(body.error.type)}`;
  if (typeof body.request_id !== 'string' || body.request_id !== answer.headers['request-id']) return 'no request_id matching the request-id header';
  return undefined;
}

function target(): { host: string; port: number } {
  const url = new URL(stack.url);
  return { host: url.hostname, port: Number(url.port) };
}

/** A full garbage collection, so heap figures show what is retained, not what is merely uncollected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

let heapBefore = 0;
beforeAll(() => {
  collectGarbage();
  heapBefore = process.memoryUsage().heapUsed;
});

describe('the bad-input corpus', () => {
  it('has at least 200 cases across every category, and the same cases for the same seed', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((entry) => entry.category))).toEqual(
      new Set(['wrong-type', 'missing-field', 'huge-value', 'deep-nesting', 'invalid-utf8', 'malformed-json', 'content-type', 'truncated-body', 'duplicate-header', 'oversized-header', 'route', 'http-version', 'garbage', 'slow-sender']),
    );
    const again = generateBadInputCorpus({ seed: 20_260_101, apiKey: testMasterKey });
    expect(again.map((entry) => entry.request.toString('base64'))).toEqual(corpus.map((entry) => entry.request.toString('base64')));
  });

  it('accepts the unbroken request the corpus starts from', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: { 'content-type': 'application/json', 'x-api-key': testMasterKey },
      body: JSON.stringify(validMessagesBody()),
    });
    expect(response.status).toBe(200);
  });

  it.each(quickCases.map((entry) => [`${entry.category}: ${entry.name}`.slice(0, 160), entry] as const))(
    '%s',
    async (_name, entry) => {
      const answer = await exchange(target(), entry, caseLimitMs);
      expect(verdict(entry, answer)).toBeUndefined();
    },
    caseLimitMs + 5000,
  );

  it.concurrent.each(slowCases.map((entry) => [entry.name, entry] as const))(
    'slow sender: %s is answered or closed by the server',
    async (name, entry) => {
      const answer = await exchange(target(), entry, slowCaseLimitMs);
      console.info(`slow sender "${name}": ${answer.closed ? 'closed' : 'still open'} after ${answer.elapsedMs} ms, status ${answer.status ?? 'none'}`);
      expect(verdict(entry, answer)).toBeUndefined();
    },
    slowCaseLimitMs + 5000,
  );

  it('still answers a good request afterwards, with memory bounded', async () => {
    const response = await stack.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Still there?' }] });
    expect(response.content[0]?.type).toBe('text');
    collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    console.info(`heap in use before the corpus ${mb(heapBefore)}, after it ${mb(heapAfter)} (both after a full collection); rss ${mb(process.memoryUsage().rss)}`);
    expect(heapAfter - heapBefore).toBeLessThan(heapGrowthLimitBytes);
  });
});

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
