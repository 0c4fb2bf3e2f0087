import {
  anthropicBody,
  converseBody,
  converseModel,
  invokeBody,
  invokeModel,
  proxyHeaders,
  upstreamHeaders,
  upstreamPath,
} from './request-bodies.mjs';

/**
 * @typedef {'simulator' | 'pass-through' | 'proxy'} ServerName
 * @typedef {'non-streaming' | 'short stream' | 'long stream'} LoadKind
 */

/**
 * @typedef {object} Request
 * @property {ServerName} server  Where the request goes; its process is the one under test.
 * @property {string} path
 * @property {Record<string, string>} headers
 * @property {string} body
 */

/**
 * @typedef {object} LoadScenario
 * @property {string} setup  The row label.
 * @property {LoadKind} kind
 * @property {'converse' | 'invoke' | undefined} api  The proxy's Bedrock API; undefined off the proxy.
 * @property {number[]} connections
 * @property {Request} request
 */

/**
 * @typedef {object} FirstByteScenario
 * @property {string} setup
 * @property {'converse' | 'invoke'} api
 * @property {Request} request
 */

/**
 * @typedef {object} BenchPlan
 * @property {number} durationSeconds
 * @property {number} warmupSeconds
 * @property {number} quietWaitMaxMs  How long each measured run may wait for other work on the machine to stop.
 * @property {LoadScenario[]} loads  In table order; each is run at each of its connection counts.
 * @property {FirstByteScenario[]} firstBytes  Simulator first, then the proxy, per API.
 * @property {{ count: number, maxMs: number, warmupCount: number }} firstByteLimits
 * @property {{ scenario: LoadScenario, connections: number, runs: number }} memorySeries  Consecutive runs at the end.
 */

/**
 * What a run measures. Full: 10 s at 1, 50 and 200 connections; long streams at 50 only.
 * Quick: 2 s at 50 connections; the memory series still runs at 200 because its target is there.
 * @param {{ quick: boolean, apiKey: string }} options
 * @returns {BenchPlan}
 */
export function planScenarios(options) {
  const connections = options.quick ? [50] : [1, 50, 200];
  const upstream = (/** @type {ServerName} */ server, /** @type {Parameters<typeof upstreamPath>[0]} */ operation, long = false) => ({
    server,
    path: upstreamPath(operation),
    headers: upstreamHeaders,
    body: converseBody({ long }),
  });
  const proxy = (/** @type {string} */ model, /** @type {LoadKind} */ kind) => ({
    server: /** @type {ServerName} */ ('proxy'),
    path: '/v1/messages',
    headers: proxyHeaders(options.apiKey),
    body: anthropicBody({ model, stream: kind !== 'non-streaming', long: kind === 'long stream' }),
  });
  /** @type {Array<['invoke' | 'converse', string]>} */
  const apis = [['invoke', invokeModel], ['converse', converseModel]];

  /** @type {LoadScenario[]} */
  const loads = [
    { setup: 'upstream alone (simulator), Converse', kind: 'non-streaming', api: undefined, connections, request: upstream('simulator', 'converse') },
    { setup: 'pass-through, Converse', kind: 'non-streaming', api: undefined, connections, request: upstream('pass-through', 'converse') },
    { setup: 'pass-through, ConverseStream', kind: 'short stream', api: undefined, connections, request: upstream('pass-through', 'converse-stream') },
    { setup: 'pass-through, ConverseStream', kind: 'long stream', api: undefined, connections: [50], request: upstream('pass-through', 'converse-stream', true) },
  ];
  for (const kind of /** @type {LoadKind[]} */ (['non-streaming', 'short stream', 'long stream'])) {
    for (const [api, model] of apis) {
      const at = kind === 'long stream' ? [50] : connections;
      loads.push({ setup: `proxy, ${api}`, kind, api, connections: at, request: proxy(model, kind) });
    }
  }

  /** @type {FirstByteScenario[]} */
  const firstBytes = [
    { setup: 'simulator, ConverseStream', api: 'converse', request: upstream('simulator', 'converse-stream') },
    { setup: 'simulator, InvokeModelWithResponseStream', api: 'invoke', request: { server: 'simulator', path: upstreamPath('invoke-with-response-stream'), headers: upstreamHeaders, body: invokeBody() } },
    ...apis.map(([api, model]) => ({ setup: `proxy, ${api}`, api, request: proxy(model, 'short stream') })),
  ];

  const memoryScenario = loads.find((scenario) => scenario.api === 'invoke' && scenario.kind === 'non-streaming');
  if (memoryScenario === undefined) throw new Error('no proxy non-streaming scenario to measure memory with');
  return {
    durationSeconds: options.quick ? 2 : 10,
    warmupSeconds: options.quick ? 1 : 2,
    quietWaitMaxMs: options.quick ? 10_000 : 90_000,
    loads,
    firstBytes,
    firstByteLimits: options.quick ? { count: 100, maxMs: 5_000, warmupCount: 10 } : { count: 400, maxMs: 20_000, warmupCount: 20 },
    memorySeries: { scenario: memoryScenario, connections: 200, runs: 3 },
  };
}
