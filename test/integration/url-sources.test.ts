import type dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockRuntime } from '../../src/bedrock/create-bedrock-runtime.js';
import { resolveBedrockModelId } from '../../src/bedrock/model-ids.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createUrlFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/logger.js';
import { createProxyServer } from '../../src/server/create-proxy-server.js';
import { startBedrockSimulator, type BedrockSimulator } from '../../src/simulator/index.js';
import { bedrockApis, useTestProxiesForBothApis, type BedrockApiName } from '../support/both-apis.js';
import { scripted } from '../support/mock-script.js';
import { rawRequest } from '../support/raw-http.js';
import { testMasterKey } from '../support/start-test-proxy.js';

/** A 1×1 transparent PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const model = 'claude-sonnet-4-5';
const headers = { 'content-type': 'application/json', 'x-api-key': testMasterKey };

/** The image server the proxy is asked to fetch from; it records every request that reaches it. */
let imageServer: http.Server;
let imagePort: number;
const received: string[] = [];

beforeAll(async () => {
  imageServer = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    received.push(`${request.headers.host} ${url.pathname}`);
    if (url.pathname === '/pixel.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      return void response.end(png);
    }
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/pixel.png' });
      return void response.end();
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imagePort = (imageServer.address() as AddressInfo).port;
});

afterAll(async () => {
  imageServer.closeAllConnections();
  await new Promise<void>((resolve) => imageServer.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

function imageRequest(url: string): string {
  return JSON.stringify({
    model,
    max_tokens: 50,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url } }, { type: 'text', text: scripted('text') }] }],
  });
}

async function send(origin: string, url: string): Promise<{ status: number; type: string | undefined; message: string | undefined }> {
  const response = await rawRequest(`${origin}/v1/messages`, { headers, body: imageRequest(url) });
  const error = (response.json() as { error?: { type: string; message: string } }).error;
  return { status: response.status, type: error?.type, message: error?.message };
}

describe('url sources with ALLOW_URL_SOURCES off (the default)', () => {
  const stacks = useTestProxiesForBothApis();

  it.each(bedrockApis)('refuse an image url with a 400 invalid_request_error naming ALLOW_URL_SOURCES through %s, fetching nothing', async (api) => {
    expect(await send(stacks[api].url, `http://127.0.0.1:${imagePort}/pixel.png`)).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message: 'messages.0.content.0.source: URL image sources are off on this proxy (ALLOW_URL_SOURCES=true fetches them); send the image as base64',
    });
    expect(received).toEqual([]);
    expect(stacks[api].simulator.calls).toEqual([]);
  });
});

describe('url sources with ALLOW_URL_SOURCES=true', () => {
  const stacks = useTestProxiesForBothApis({ ALLOW_URL_SOURCES: 'true' });

  it.each(bedrockApis.flatMap((api) => [
    [api, 'a loopback address', (): string => `http://127.0.0.1:${imagePort}/pixel.png`, 'host "127.0.0.1" could not be used: its address is loopback'],
    [api, 'localhost', (): string => `http://localhost:${imagePort}/pixel.png`, 'host "localhost" could not be used: the host is this machine or a metadata service'],
    [api, 'the cloud metadata address', (): string => 'http://169.254.169.254/latest/meta-data/', 'host "169.254.169.254" could not be used: its address is metadata'],
  ] as const))('through %s refuse %s with a 400 before connecting', async (api, _name, url, problem) => {
    expect(await send(stacks[api].url, url())).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message: `messages.0.content.0.source.url: The URL from ${problem}`,
    });
    expect(received).toEqual([]);
    expect(stacks[api].simulator.calls).toEqual([]);
  });
});

/** A resolver from a table, so made-up names reach the local image server without real DNS. */
function tableLookup(table: Record<string, string>): typeof dns.lookup {
  const lookup = (hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    const address = table[hostname];
    setImmediate(() =>
      address === undefined
        ? callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), [])
        : callback(null, [{ address, family: 4 }]),
    );
  };
  return lookup as unknown as typeof dns.lookup;
}

interface FetchingStack {
  url: string;
  simulator: BedrockSimulator;
  close(): Promise<void>;
}

/**
 * The proxy server with the URL fetcher ALLOW_URL_SOURCES builds, plus the one exception the fetcher
 * has for tests: a made-up name that resolves to 127.0.0.1, and that address trusted. `startProxy`
 * has no way to pass a fetcher in, so this wires the server itself, over the simulator.
 */
async function startFetchingStack(api: BedrockApiName): Promise<FetchingStack> {
  const config = loadConfig({ env: { CLAUDE_API: api, MASTER_API_KEY: testMasterKey } });
  const simulator = await startBedrockSimulator({ host: '127.0.0.1', port: 0 });
  const bedrock = createBedrockRuntime({ region: 'us-east-1', endpoint: simulator.url, auth: { kind: 'bearer', token: 'test-bedrock-key' } });
  const fetchUrl = createUrlFetcher(
    { trustedAddresses: ['127.0.0.1'] },
    { lookup: tableLookup({ 'images.example.test': '127.0.0.1', 'internal.example.test': '10.1.2.3' }) },
  );
  const server = createProxyServer({
    bedrock,
    logger: silentLogger,
    features: config.features,
    claudeApi: config.claudeApi,
    maxRequestBytes: config.maxRequestBytes,
    authenticate: undefined,
    resolveModel: async (requested) => ({ bedrockModelId: resolveBedrockModelId(requested, { geoPrefix: 'us' }), api: 'auto', mapped: false }),
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0, sleep: async () => undefined },
    listMappings: async () => [],
    fetchUrl,
  });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    simulator,
    close: async () => {
      await server.close(1000);
      await bedrock.close();
      await simulator.close();
    },
  };
}

describe.each(bedrockApis)('url sources fetched by the proxy server through %s (a test name for the local image server)', (api) => {
  let stack: FetchingStack;
  beforeAll(async () => {
    stack = await startFetchingStack(api);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sends the fetched bytes to Bedrock as a base64 image', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, { headers, body: imageRequest(`http://images.example.test:${imagePort}/pixel.png`) });
    expect(response.status).toBe(200);
    expect(received).toEqual([`images.example.test:${imagePort} /pixel.png`]);
    const sent = stack.simulator.calls.at(-1)?.body as { messages: Array<{ content: unknown[] }> };
    const image = api === 'invoke'
      ? { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.toString('base64') } }
      : { image: { format: 'png', source: { bytes: png.toString('base64') } } };
    expect(sent.messages[0]?.content[0]).toEqual(image);
  });

  it.each([
    ['a private address', 'http://internal.example.test/secret.png', '(redirected to "internal.example.test") could not be used: the host name resolves to a private address'],
    ['a loopback address', 'http://127.0.0.2/secret.png', '(redirected to "127.0.0.2") could not be used: its address is loopback'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', '(redirected to "169.254.169.254") could not be used: its address is metadata'],
  ])('refuses a redirect to %s, fetching only the first hop', async (_name, target, problem) => {
    const callsBefore = stack.simulator.calls.length;
    const answer = await send(stack.url, `http://images.example.test:${imagePort}/redirect?to=${encodeURIComponent(target)}`);
    expect(answer).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message: `messages.0.content.0.source.url: The URL from host "images.example.test" ${problem}`,
    });
    expect(received).toEqual([`images.example.test:${imagePort} /redirect`]);
    expect(stack.simulator.calls).toHaveLength(callsBefore);
  });
});
