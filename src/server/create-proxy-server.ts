import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BedrockRuntime, GuardrailSettings } from '../bedrock/types.js';
import type { UrlFetcher } from '../fetch/index.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import { ProxyError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/create-metrics.js';
import type { BedrockApi, ModelMapping, UsageRecord } from '../store/types.js';
import type { RequestAdmission } from './admit-request.js';
import { extractApiKey, requireApiKey } from './authenticate.js';
import { compose, type Stage } from './compose.js';
import type { KeyAuthenticator } from './create-key-authenticator.js';
import type { ModelResolver } from './create-model-resolver.js';
import { createRouter } from './create-routes.js';
import { createStreamSlots } from './create-stream-slots.js';
import { createCountTokensHandler } from './handle-count-tokens.js';
import { createMessagesHandler } from './handle-messages.js';
import { createModelsHandlers, modelsPathPrefix } from './handle-models.js';
import { randomIds, type IdSource } from './ids.js';
import { readJsonBody } from './read-json-body.js';
import type { RequestContext } from './request-context.js';
import { asProxyError, sendError, sendJson } from './respond.js';
import { createUsageDraft, tokensSpent, toUsageRecord } from './usage-draft.js';
import type { ResponseCache } from './response-cache.js';
import type { RetryPolicy } from './with-retries.js';

export interface Readiness {
  ready: boolean;
  reason?: string;
}

export interface ProxyServerOptions {
  bedrock: BedrockRuntime;
  logger: Logger;
  features: FeatureFlags;
  resolveModel: ModelResolver;
  maxRequestBytes: number;
  /** Checks a client's key; `undefined` turns authentication off. */
  authenticate: KeyAuthenticator | undefined;
  /** Rate limits of stored API keys; absent when rate limiting is off. */
  admission?: RequestAdmission;
  /** The API for Claude models whose mapping says `auto` (CLAUDE_API). */
  claudeApi: BedrockApi;
  retry: RetryPolicy;
  /** Open streams allowed per stored API key; absent for no limit. */
  maxStreamsPerKey?: number;
  /** Receives one record per API request; never awaited on the request path. */
  recordUsage?: (record: UsageRecord) => void;
  /** The stored model mappings, for GET /v1/models. */
  listMappings: () => Promise<ModelMapping[]>;
  /** Fetches image and document `url` sources (ALLOW_URL_SOURCES); absent: they are refused. */
  fetchUrl?: UrlFetcher;
  /** What GET /ready reports; by default ready while the server runs. */
  readiness?: () => Promise<Readiness>;
  /** Time a client has to send its headers, and its whole request (slow senders are cut off). */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  pingIntervalMs?: number;
  ids?: IdSource;
  /** Prometheus metrics, served at GET /metrics (ENABLE_METRICS); absent when off. */
  metrics?: ProxyMetrics;
  /** RESPONSE_CACHE; absent when off. */
  responseCache?: ResponseCache;
  /** The proxy's guardrail (GUARDRAIL_ID…); a key's own replaces it. */
  guardrail?: GuardrailSettings;
}

export interface ProxyServer {
  server: Server;
  /** Starts listening; resolves with the URL clients use. */
  listen(port: number, host: string): Promise<string>;
  /**
   * Stops accepting, lets requests in flight finish for up to `graceMs`, then ends the rest: a
   * stream with an SSE `error` frame, any other request with a 529 `overloaded_error`.
   */
  close(graceMs?: number): Promise<void>;
}

export function createProxyServer(options: ProxyServerOptions): ProxyServer {
  const ids = options.ids ?? randomIds;
  let closing = false;
  const inFlight = new Set<Promise<void>>();
  /**
   * One per request, aborted when its client leaves or at shutdown. (Not `AbortSignal.any` with a
   * server-wide signal: on Node 20 every such call stays referenced by the long-lived signal.)
   */
  const cancellers = new Set<AbortController>();

  const { metrics } = options;
  const authenticate: Stage<RequestContext> = async (context, next) => {
    try {
      context.identity = options.authenticate === undefined
        ? { kind: 'anonymous', keyId: 'anonymous' }
        : await requireApiKey(context.request.headers, options.authenticate);
    } catch (error) {
      metrics?.countAuthFailure(authFailureReason(error, context.request.headers));
      throw error;
    }
    await next();
  };
  const readBody: Stage<RequestContext> = async (context, next) => {
    context.body = await readJsonBody(context.request, options.maxRequestBytes);
    await next();
  };
  const answer = {
    bedrock: options.bedrock,
    features: options.features,
    resolveModel: options.resolveModel,
    claudeApi: options.claudeApi,
    ids,
    logger: options.logger,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    retry: options.retry,
    fetchUrl: options.fetchUrl,
    metrics,
  };
  const messages = createMessagesHandler({
    ...answer,
    admission: options.admission,
    streamSlots: options.maxStreamsPerKey === undefined ? undefined : createStreamSlots(options.maxStreamsPerKey),
    responseCache: options.responseCache,
    guardrail: options.guardrail,
  });
  const countTokens = createCountTokensHandler(answer);
  const models = createModelsHandlers({ listMappings: options.listMappings });
  const findRoute = createRouter([
    { method: 'POST', pattern: '/v1/messages', handle: compose([authenticate, readBody, messages]), recordsUsage: true },
    { method: 'POST', pattern: '/v1/messages/count_tokens', handle: compose([authenticate, readBody, countTokens]) },
    { method: 'GET', pattern: '/v1/models', handle: compose([authenticate, models.list]) },
    { method: 'GET', pattern: `${modelsPathPrefix}{id}`, handle: compose([authenticate, models.get]) },
    { method: 'GET', pattern: '/health', handle: async ({ response }) => sendJson(response, 200, { status: 'ok' }) },
    { method: 'GET', pattern: '/ready', handle: async ({ response }) => reportReadiness(response) },
    ...(metrics === undefined ? [] : [{ method: 'GET', pattern: '/metrics', handle: async ({ response }: RequestContext) => sendMetrics(response, metrics) }]),
  ]);

  async function reportReadiness(response: ServerResponse): Promise<void> {
    const readiness = closing ? { ready: false, reason: 'shutting down' } : ((await options.readiness?.()) ?? { ready: true });
    const body = readiness.ready ? { status: 'ready' } : { status: 'not_ready', reason: readiness.reason };
    sendJson(response, readiness.ready ? 200 : 503, body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const clientGone = new AbortController();
    const canceller = new AbortController();
    cancellers.add(canceller);
    response.once('close', () => {
      if (response.writableFinished) return;
      const reason = new Error('client disconnected');
      clientGone.abort(reason);
      canceller.abort(reason);
    });
    const requestId = ids.requestId();
    response.setHeader('request-id', requestId);
    const context: RequestContext = {
      request,
      response,
      requestId,
      receivedAt: new Date(),
      startedAt: performance.now(),
      clientGone: clientGone.signal,
      cancelled: canceller.signal,
      body: undefined,
      usage: createUsageDraft(),
    };
    const route = findRoute(request);
    try {
      if (closing && route.pattern !== '/health' && route.pattern !== '/ready') {
        response.setHeader('connection', 'close');
        throw new ProxyError('SHUTTING_DOWN', 'The proxy is shutting down; send the request again (to another instance)');
      }
      await route.handle(context);
    } catch (error) {
      if (context.clientGone.aborted) {
        // The client left first: the call was abandoned on purpose, and there is no one to answer.
        options.logger.debug('client left before the answer', { requestId });
        return;
      }
      const proxyError = asProxyError(error);
      context.usage.errorType = proxyError.type;
      if (proxyError.code === 'INTERNAL' || (proxyError.status >= 500 && proxyError.code !== 'SHUTTING_DOWN')) {
        options.logger.error('request failed', { requestId, code: proxyError.code, error: String(proxyError.cause ?? proxyError.message) });
      }
      sendError(response, proxyError, requestId);
    } finally {
      cancellers.delete(canceller);
      if (route.recordsUsage === true) options.recordUsage?.(usageRecordOf(context));
      const seconds = (performance.now() - context.startedAt) / 1000;
      if (metrics !== undefined) observe(metrics, context, route.pattern, seconds);
      logRequest(context, route.pattern, seconds);
    }
  }

  function usageRecordOf(context: RequestContext): UsageRecord {
    const headers = context.request.headers;
    const sessionId = headers['x-claude-code-session-id'];
    return toUsageRecord(context.usage, {
      keyId: context.identity?.keyId ?? 'unauthenticated',
      requestId: context.requestId,
      receivedAt: context.receivedAt,
      startedAt: context.startedAt,
      endedAt: performance.now(),
      status: context.response.statusCode,
      clientGone: context.clientGone.aborted,
      userAgent: headers['user-agent'],
      claudeCodeSessionId: typeof sessionId === 'string' ? sessionId : undefined,
    });
  }

  /** One line per request: who, what, how it went; never a secret. */
  function logRequest(context: RequestContext, route: string, seconds: number): void {
    const { usage } = context;
    const spent = tokensSpent(usage);
    options.logger.info('request', {
      requestId: context.requestId,
      method: context.request.method,
      route,
      status: context.clientGone.aborted ? 499 : context.response.statusCode,
      keyId: context.identity?.keyId,
      model: usage.model,
      api: usage.api,
      stream: route === '/v1/messages' ? usage.stream : undefined,
      inputTokens: spent.inputTokens || undefined,
      outputTokens: spent.outputTokens || undefined,
      cacheReadInputTokens: usage.cacheReadInputTokens || undefined,
      cacheWriteInputTokens: usage.cacheWriteInputTokens || undefined,
      cacheHit: usage.cacheHit,
      errorType: usage.errorType,
      latencyMs: Math.round(seconds * 10_000) / 10,
    });
  }

  const server = createServer(
    {
      keepAliveTimeout: 65_000,
      headersTimeout: options.headersTimeoutMs ?? 15_000,
      requestTimeout: options.requestTimeoutMs ?? 120_000,
      // Node checks those timeouts only this often (30 s by default): slow senders would outlive them.
      connectionsCheckingInterval: 1000,
    },
    (request, response) => {
      const handled = handle(request, response);
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    },
  );

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    close: async (graceMs = 10_000) => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const everyRequest = () => Promise.allSettled([...inFlight]);
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace over'>((resolve) => (graceTimer = setTimeout(() => resolve('grace over'), graceMs)));
      if ((await Promise.race([everyRequest(), graceOver])) === 'grace over') {
        const reason = new ProxyError('SHUTTING_DOWN', 'The proxy shut down before the answer was complete');
        for (const canceller of cancellers) canceller.abort(reason);
        await Promise.race([everyRequest(), new Promise((resolve) => setTimeout(resolve, 1000))]);
      }
      clearTimeout(graceTimer);
      server.closeAllConnections();
      await stopped;
    },
  };
}

async function sendMetrics(response: ServerResponse, metrics: ProxyMetrics): Promise<void> {
  const { contentType, body } = await metrics.render();
  response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function authFailureReason(error: unknown, headers: IncomingMessage['headers']): 'missing' | 'invalid' | 'store_unavailable' {
  if (error instanceof ProxyError && error.code === 'STORE_UNAVAILABLE') return 'store_unavailable';
  return extractApiKey(headers) === undefined ? 'missing' : 'invalid';
}

/** Every request in the counters; the ones that reached Bedrock also in tokens and time to first token. */
function observe(metrics: ProxyMetrics, context: RequestContext, route: string, seconds: number): void {
  const { usage } = context;
  const status = context.clientGone.aborted ? 499 : context.response.statusCode;
  metrics.observeRequest({ route, status, model: usage.model, api: usage.api }, seconds);
  if (usage.api === undefined) return;
  const spent = tokensSpent(usage);
  metrics.countTokens({ model: usage.model }, { input: spent.inputTokens, output: spent.outputTokens, cacheRead: usage.cacheReadInputTokens, cacheWrite: usage.cacheWriteInputTokens });
  if (usage.firstTokenAt !== undefined) metrics.observeTimeToFirstToken({ api: usage.api, model: usage.model }, (usage.firstTokenAt - context.startedAt) / 1000);
}
