import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BedrockRuntime } from '../bedrock/types.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import { ProxyError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BedrockApi, ModelMapping, UsageRecord } from '../store/types.js';
import type { RequestAdmission } from './admit-request.js';
import { requireApiKey } from './authenticate.js';
import { compose, type Stage } from './compose.js';
import type { KeyAuthenticator } from './create-key-authenticator.js';
import type { ModelResolver } from './create-model-resolver.js';
import { createCountTokensHandler } from './handle-count-tokens.js';
import { createMessagesHandler } from './handle-messages.js';
import { createModelsHandlers, modelsPathPrefix } from './handle-models.js';
import { randomIds, type IdSource } from './ids.js';
import { readJsonBody } from './read-json-body.js';
import type { RequestContext } from './request-context.js';
import { asProxyError, sendError, sendJson } from './respond.js';
import { createUsageDraft, toUsageRecord } from './usage-draft.js';

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
  /** Receives one record per API request; never awaited on the request path. */
  recordUsage?: (record: UsageRecord) => void;
  /** The stored model mappings, for GET /v1/models. */
  listMappings: () => Promise<ModelMapping[]>;
  /** What GET /ready reports; by default ready while the server runs. */
  readiness?: () => Promise<Readiness>;
  pingIntervalMs?: number;
  ids?: IdSource;
}

export interface ProxyServer {
  server: Server;
  /** Starts listening; resolves with the URL clients use. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then closes the rest. */
  close(graceMs?: number): Promise<void>;
}

interface Route {
  method: string;
  handle: (context: RequestContext) => Promise<void>;
  /** API routes leave one usage record per request. */
  recordsUsage?: boolean;
}

export function createProxyServer(options: ProxyServerOptions): ProxyServer {
  const ids = options.ids ?? randomIds;
  const authenticate: Stage<RequestContext> = async (context, next) => {
    context.identity = options.authenticate === undefined
      ? { kind: 'anonymous', keyId: 'anonymous' }
      : await requireApiKey(context.request.headers, options.authenticate);
    await next();
  };
  const readBody: Stage<RequestContext> = async (context, next) => {
    context.body = await readJsonBody(context.request, options.maxRequestBytes);
    await next();
  };
  const messages = createMessagesHandler({
    bedrock: options.bedrock,
    admission: options.admission,
    claudeApi: options.claudeApi,
    features: options.features,
    resolveModel: options.resolveModel,
    ids,
    logger: options.logger,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
  });
  const countTokens = createCountTokensHandler({ bedrock: options.bedrock, features: options.features, resolveModel: options.resolveModel, claudeApi: options.claudeApi });
  const models = createModelsHandlers({ listMappings: options.listMappings });
  let closing = false;
  const routes = new Map<string, Route[]>([
    ['/v1/messages', [{ method: 'POST', handle: compose([authenticate, readBody, (context) => messages(context)]), recordsUsage: true }]],
    ['/v1/messages/count_tokens', [{ method: 'POST', handle: compose([authenticate, readBody, (context) => countTokens(context)]) }]],
    ['/v1/models', [{ method: 'GET', handle: compose([authenticate, (context) => models.list(context)]) }]],
    [modelsPathPrefix, [{ method: 'GET', handle: compose([authenticate, (context) => models.get(context)]) }]],
    ['/health', [{ method: 'GET', handle: async ({ response }) => sendJson(response, 200, { status: 'ok' }) }]],
    ['/ready', [{ method: 'GET', handle: async ({ response }) => reportReadiness(response) }]],
  ]);

  async function reportReadiness(response: ServerResponse): Promise<void> {
    const readiness = closing ? { ready: false, reason: 'shutting down' } : ((await options.readiness?.()) ?? { ready: true });
    const body = readiness.ready ? { status: 'ready' } : { status: 'not_ready', reason: readiness.reason };
    sendJson(response, readiness.ready ? 200 : 503, body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const abort = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) abort.abort(new Error('client disconnected'));
    });
    const requestId = ids.requestId();
    response.setHeader('request-id', requestId);
    const context: RequestContext = {
      request,
      response,
      requestId,
      receivedAt: new Date(),
      startedAt: performance.now(),
      clientGone: abort.signal,
      body: undefined,
      usage: createUsageDraft(),
    };
    const route = findRoute(request);
    try {
      await route.handle(context);
    } catch (error) {
      if (context.clientGone.aborted) {
        // The client left first: the call was abandoned on purpose, and there is no one to answer.
        options.logger.debug('client left before the answer', { requestId });
        return;
      }
      const proxyError = asProxyError(error);
      context.usage.errorType = proxyError.type;
      if (proxyError.code === 'INTERNAL' || proxyError.status >= 500) {
        options.logger.error('request failed', { requestId, code: proxyError.code, error: String(proxyError.cause ?? proxyError.message) });
      }
      sendError(response, proxyError, requestId);
    } finally {
      if (route.recordsUsage === true) options.recordUsage?.(usageRecordOf(context));
      logRequest(context);
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

  function findRoute(request: IncomingMessage): Route {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const isModelPath = trimmed.startsWith(modelsPathPrefix) && !trimmed.slice(modelsPathPrefix.length).includes('/');
    const candidates = routes.get(isModelPath ? modelsPathPrefix : trimmed);
    if (candidates === undefined) {
      return { method: '*', handle: async () => { throw new ProxyError('ROUTE_NOT_FOUND', `Not found: ${request.method} ${path.slice(0, 200)}`); } };
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = candidates.find((candidate) => candidate.method === method);
    if (route !== undefined) return route;
    const allowed = candidates.map((candidate) => candidate.method).join(', ');
    return {
      method: '*',
      handle: async ({ response }) => {
        response.setHeader('allow', allowed);
        throw new ProxyError('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${path}; use ${allowed}`);
      },
    };
  }

  function logRequest(context: RequestContext): void {
    options.logger.info('request', {
      requestId: context.requestId,
      method: context.request.method,
      path: context.request.url,
      status: context.response.statusCode,
      keyId: context.identity?.keyId,
      model: context.usage.model,
      durationMs: Math.round((performance.now() - context.startedAt) * 10) / 10,
    });
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    void handle(request, response);
  });

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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
