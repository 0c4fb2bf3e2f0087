import type dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProxyError } from '../../src/errors.js';
import { createUrlFetcher } from '../../src/fetch/create-url-fetcher.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);

/** A local server with a route per path; it counts what reached it. */
let server: http.Server;
let port: number;
const received: string[] = [];
const openResponses = new Set<http.ServerResponse>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    received.push(`${request.headers.host} ${url.pathname}`);
    const hops = Number(url.searchParams.get('hops') ?? '0');
    switch (url.pathname) {
      case '/image.png':
        response.writeHead(200, { 'content-type': 'image/png' });
        return void response.end(png);
      case '/large-declared':
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': 4096 });
        return void response.end(Buffer.alloc(4096));
      case '/large-chunked':
        response.writeHead(200, { 'content-type': 'image/png' });
        for (let index = 0; index < 8; index += 1) response.write(Buffer.alloc(512));
        return void response.end();
      case '/never':
        openResponses.add(response);
        return;
      case '/trickle':
        response.writeHead(200, { 'content-type': 'image/png' });
        response.write(png.subarray(0, 4));
        openResponses.add(response);
        return;
      case '/missing':
        response.writeHead(404);
        return void response.end('not here');
      case '/redirect':
        response.writeHead(302, { location: url.searchParams.get('to') ?? '/image.png' });
        return void response.end();
      case '/chain':
        response.writeHead(301, { location: hops > 0 ? `/chain?hops=${hops - 1}` : '/image.png' });
        return void response.end();
      default:
        response.writeHead(500);
        response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const response of openResponses) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

/** A resolver from a table; names not in it do not resolve. */
function tableLookup(table: Record<string, string[]>, calls: string[] = []): typeof dns.lookup {
  const lookup = (hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    calls.push(hostname);
    const addresses = table[hostname];
    setImmediate(() =>
      addresses === undefined
        ? callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [])
        : callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))),
    );
  };
  return lookup as unknown as typeof dns.lookup;
}

const names = {
  'images.example.test': ['127.0.0.1'],
  'internal.example.test': ['10.1.2.3'],
  'mixed.example.test': ['127.0.0.1', '10.0.0.7'],
  'metadata.example.test': ['169.254.169.254'],
  'loopback6.example.test': ['::1'],
};

/** What tests use to reach the local server: a made-up name, and 127.0.0.1 trusted for it. */
function testFetcher(policy: Parameters<typeof createUrlFetcher>[0] = {}, calls: string[] = []) {
  return createUrlFetcher({ trustedAddresses: ['127.0.0.1'], ...policy }, { lookup: tableLookup(names, calls) });
}

async function failure(promise: Promise<unknown>): Promise<{ type: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return { type: (error as ProxyError).type, message: (error as ProxyError).message };
}

describe('the default policy', () => {
  const fetchUrl = createUrlFetcher();
  it.each([
    ['a loopback address', () => `http://127.0.0.1:${port}/image.png`, 'host "127.0.0.1" could not be used: its address is loopback'],
    ['a decimal loopback address', () => `http://2130706433:${port}/image.png`, 'host "127.0.0.1" could not be used: its address is loopback'],
    ['a hex and short loopback address', () => `http://0x7f.1:${port}/image.png`, 'host "127.0.0.1" could not be used: its address is loopback'],
    ['IPv6 loopback', () => `http://[::1]:${port}/image.png`, 'host "[::1]" could not be used: its address is loopback'],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/image.png`, 'host "[::ffff:7f00:1]" could not be used: its address is loopback'],
    ['localhost', () => `http://localhost:${port}/image.png`, 'host "localhost" could not be used: the host is this machine or a metadata service'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', 'host "169.254.169.254" could not be used: its address is metadata'],
    ['the GCP metadata name', () => 'http://metadata.google.internal/computeMetadata/v1/', 'host "metadata.google.internal" could not be used: the host is this machine or a metadata service'],
    ['a private address', () => 'http://192.168.0.10/a.png', 'host "192.168.0.10" could not be used: its address is private'],
    ['the file scheme', () => 'file:///etc/passwd', 'host "" could not be used: the file scheme is not allowed (only https, http)'],
  ])('refuses %s before connecting', async (_name, url, expected) => {
    expect(await failure(fetchUrl(url()))).toEqual({ type: 'invalid_request_error', message: `The URL from ${expected}` });
    expect(received).toEqual([]);
  });

  it('refuses what is not a URL', async () => {
    expect(await failure(fetchUrl('not a url'))).toEqual({ type: 'invalid_request_error', message: 'The url source is not a valid URL' });
  });
});

describe('fetching through a checked lookup', () => {
  it('fetches from a name that resolves to a trusted address, connecting to that address', async () => {
    const calls: string[] = [];
    const fetched = await testFetcher({}, calls)(`http://images.example.test:${port}/image.png`);
    expect(fetched).toEqual({ bytes: png, contentType: 'image/png' });
    expect(received).toEqual([`images.example.test:${port} /image.png`]);
    expect(calls).toEqual(['images.example.test']);
  });

  it.each([
    ['a private address', 'internal.example.test', 'the host name resolves to a private address'],
    ['the metadata address', 'metadata.example.test', 'the host name resolves to a metadata address'],
    ['IPv6 loopback', 'loopback6.example.test', 'the host name resolves to a loopback address'],
    ['one refused address among others (no rebinding to the other)', 'mixed.example.test', 'the host name resolves to a private address'],
    ['an untrusted loopback without the test exception', 'images.example.test', 'the host name resolves to a loopback address'],
  ])('refuses a name resolving to %s', async (name, host, problem) => {
    const fetchUrl = name.startsWith('an untrusted') ? createUrlFetcher({}, { lookup: tableLookup(names) }) : testFetcher();
    expect(await failure(fetchUrl(`http://${host}:${port}/image.png`))).toEqual({
      type: 'invalid_request_error',
      message: `The URL from host "${host}" could not be used: ${problem}`,
    });
    expect(received).toEqual([]);
  });

  it('says when a name does not resolve', async () => {
    expect((await failure(testFetcher()(`http://nowhere.example.test:${port}/`))).message).toBe(
      'The URL from host "nowhere.example.test" could not be used: the host name does not resolve',
    );
  });

  it('follows redirects that stay allowed', async () => {
    const fetched = await testFetcher()(`http://images.example.test:${port}/chain?hops=2`);
    expect(fetched.bytes).toEqual(png);
    expect(received).toHaveLength(4);
  });

  it.each([
    ['a name resolving to a private address', () => `http://internal.example.test:${port}/secret`, 'internal.example.test', 'the host name resolves to a private address'],
    ['a literal loopback address', () => `http://127.0.0.2:${port}/secret`, '127.0.0.2', 'its address is loopback'],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/iam/', '169.254.169.254', 'its address is metadata'],
    ['another scheme', () => 'ftp://images.example.test/x', 'images.example.test', 'the ftp scheme is not allowed (only https, http)'],
  ])('checks every redirect again: refuses one to %s', async (_name, target, host, problem) => {
    const url = `http://images.example.test:${port}/redirect?to=${encodeURIComponent(target())}`;
    const message = host === 'images.example.test'
      ? `The URL from host "images.example.test" could not be used: ${problem}`
      : `The URL from host "images.example.test" (redirected to "${host}") could not be used: ${problem}`;
    expect(await failure(testFetcher()(url))).toEqual({ type: 'invalid_request_error', message });
    expect(received).toEqual([`images.example.test:${port} /redirect`]);
  });

  it('stops after maxRedirects', async () => {
    expect((await failure(testFetcher({ maxRedirects: 3 })(`http://images.example.test:${port}/chain?hops=3`))).message).toBe(
      'The URL from host "images.example.test" could not be used: it redirected more than 3 times',
    );
    expect(received).toHaveLength(4);
  });

  it.each(['/large-declared', '/large-chunked'])('caps the size: %s', async (path) => {
    expect((await failure(testFetcher({ maxBytes: 1024 })(`http://images.example.test:${port}${path}`))).message).toBe(
      'The URL from host "images.example.test" could not be used: it is larger than 1024 bytes',
    );
  });

  it.each(['/never', '/trickle'])('caps the time: %s', async (path) => {
    expect((await failure(testFetcher({ timeoutMs: 300 })(`http://images.example.test:${port}${path}`))).message).toBe(
      'The URL from host "images.example.test" could not be used: it did not answer within 300 ms',
    );
  });

  it('reports an error status', async () => {
    expect((await failure(testFetcher()(`http://images.example.test:${port}/missing?token=secret`))).message).toBe(
      'The URL from host "images.example.test" could not be used: it answered HTTP 404',
    );
  });

  it('refuses credentials in the URL and never repeats them', async () => {
    const { message } = await failure(testFetcher()(`http://user:hunter2@images.example.test:${port}/image.png`));
    expect(message).toBe('The URL from host "images.example.test" could not be used: URLs with credentials are not allowed');
    expect(received).toEqual([]);
  });

  it('honours allowedSchemes', async () => {
    expect((await failure(testFetcher({ allowedSchemes: ['https'] })(`http://images.example.test:${port}/image.png`))).message).toBe(
      'The URL from host "images.example.test" could not be used: the http scheme is not allowed (only https)',
    );
  });
});
