import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { createBedrockRuntime, type BedrockAuth } from './bedrock/create-bedrock-runtime.js';
import { geoPrefixForRegion, type GeoPrefix } from './bedrock/model-ids.js';
import { resolveCredentials, staticCredentials } from './bedrock/resolve-credentials.js';
import { resolveBedrockEndpoint } from './bedrock/resolve-endpoint.js';
import type { Config } from './config/load-config.js';
import type { Logger } from './logger.js';
import { openConfiguredStore } from './open-configured-store.js';
import { isLoopbackHost } from './server/is-loopback-host.js';
import { createKeyAuthenticator } from './server/create-key-authenticator.js';
import { createModelResolver } from './server/create-model-resolver.js';
import { createProxyServer, type Readiness } from './server/create-proxy-server.js';
import { startBedrockSimulator, type BedrockSimulator } from './simulator/index.js';
import { createUsageWriter } from './store/create-usage-writer.js';
import { openUsageSpool } from './store/usage-spool.js';
import { createUrlFetcher } from './fetch/index.js';
import { createMetrics } from './metrics/create-metrics.js';
import { observeBedrockRuntime } from './metrics/observe-bedrock-runtime.js';
import { createResponseCache } from './server/response-cache.js';
import type { Store } from './store/types.js';
import type { OpenedStore } from './store/open-store.js';
import { createLocalRateLimiter } from './limits/create-local-rate-limiter.js';
import { createSharedRateLimiter } from './limits/create-shared-rate-limiter.js';
import type { RateLimiter } from './limits/types.js';

export interface RunningProxy {
  url: string;
  /** Where Bedrock calls go: the regional endpoint, a configured one, or the in-process simulator. */
  bedrockEndpoint: string;
  /** Set when authentication is on, no master key was configured and the proxy listens on loopback: a key made for this run. */
  generatedMasterKey: string | undefined;
  /** The in-process simulator when Bedrock is mocked (tests read what it received). */
  simulator: BedrockSimulator | undefined;
  store: Store;
  /** Stops accepting requests, lets those in flight finish for up to `graceMs` (SHUTDOWN_TIMEOUT by default), writes the remaining usage records, closes the store. */
  close(graceMs?: number): Promise<void>;
}

export interface StartProxyOptions {
  /** A `ping` frame after this much silence in a stream; 15 s unless a test needs less. */
  pingIntervalMs?: number;
}

/** Credentials the in-process simulator checks signatures against: real SigV4, no AWS account. */
const simulatorCredentials = { accessKeyId: 'AKIAPROXYSIMULATOR00', secretAccessKey: 'proxy-simulator-secret-key' };

/** Wires config into a running proxy: the store, Bedrock (real or simulated), authentication, the server. */
export async function startProxy(config: Config, logger: Logger, options: StartProxyOptions = {}): Promise<RunningProxy> {
  const store = await openConfiguredStore(config, 'server');
  const closers: Array<() => Promise<void>> = [() => store.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const limiter = config.rateLimit.enabled ? createRateLimiter(config, store, logger) : undefined;
    if (limiter !== undefined) closers.push(() => limiter.close());
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const spool = await openUsageSpool({
      path: path.join(config.dataDir, 'usage-spool.jsonl'),
      onProblem: (problem) => logger.warn('usage spool', { problem: String(problem) }),
    });
    const usageWriter = createUsageWriter({
      usage: store.usage,
      spool,
      retryIntervalMs: config.usageRetryIntervalSeconds * 1000,
      onError: (error) => logger.error('usage records could not be written yet; they will be retried', { error: String(error) }),
    });
    closers.splice(1, 0, () => usageWriter.close());

    let simulator: BedrockSimulator | undefined;
    let auth: BedrockAuth;
    let endpoint: string;
    if (config.mockBedrock) {
      simulator = await startBedrockSimulator({ host: '127.0.0.1', port: 0, credentials: simulatorCredentials });
      closers.push(() => simulator!.close());
      endpoint = simulator.url;
      auth = { kind: 'sigv4', credentials: staticCredentials(simulatorCredentials.accessKeyId, simulatorCredentials.secretAccessKey) };
    } else {
      endpoint = config.bedrockEndpoint ?? (await resolveBedrockEndpoint(config.region));
      auth = config.bedrockBearerToken !== undefined
        ? { kind: 'bearer', token: config.bedrockBearerToken }
        : { kind: 'sigv4', credentials: resolveCredentials({ profile: config.profile, region: config.region }) };
    }
    const metrics = config.metricsEnabled ? createMetrics() : undefined;
    metrics?.watchUsageWriter(() => ({ queueDepth: usageWriter.pending, spoolSize: spool.size }));
    const transport = createBedrockRuntime({
      region: config.region,
      endpoint,
      auth,
      connectTimeoutMs: config.connectTimeoutSeconds * 1000,
      headersTimeoutMs: config.responseTimeoutSeconds * 1000,
      bodyTimeoutMs: config.streamingTimeoutSeconds * 1000,
    });
    const bedrock = metrics === undefined ? transport : observeBedrockRuntime(transport, { metrics, now: () => performance.now() });
    closers.push(() => bedrock.close());

    const generatedMasterKey = config.requireApiKey && config.masterApiKey === undefined && isLoopbackHost(config.host)
      ? `sk-proxy-run-${randomBytes(24).toString('base64url')}`
      : undefined;
    const geoPrefix: GeoPrefix = config.geoPrefix === 'auto' ? geoPrefixForRegion(config.region) : config.geoPrefix;
    const proxy = createProxyServer({
      bedrock,
      logger,
      features: config.features,
      claudeApi: config.claudeApi,
      maxRequestBytes: config.maxRequestBytes,
      authenticate: config.requireApiKey
        ? createKeyAuthenticator({
            apiKeys: store.apiKeys,
            masterKey: config.masterApiKey ?? generatedMasterKey,
            cacheTtlMs: config.apiKeyCacheSeconds * 1000,
            outageGraceMs: config.apiKeyOutageGraceSeconds * 1000,
            onTouchError: (error) => logger.debug('last_used_at not recorded', { error: String(error) }),
          })
        : undefined,
      resolveModel: createModelResolver({ mappings: store.modelMappings, geoPrefix, cacheTtlMs: config.modelMappingCacheSeconds * 1000, logger }),
      admission: limiter === undefined ? undefined : { limiter, defaults: config.rateLimit, onRejected: (kind) => metrics?.countRateLimitRejection(kind) },
      retry: { maxRetries: config.retryMax, baseDelayMs: 250, maxDelayMs: 4000, random: Math.random, sleep: (ms, signal) => delay(ms, undefined, { signal }) },
      maxStreamsPerKey: config.maxStreamsPerKey,
      headersTimeoutMs: config.headersTimeoutSeconds * 1000,
      requestTimeoutMs: config.requestTimeoutSeconds * 1000,
      recordUsage: (record) => usageWriter.enqueue(record),
      listMappings: () => store.modelMappings.list(),
      fetchUrl: config.allowUrlSources ? createUrlFetcher() : undefined,
      readiness: auth.kind === 'sigv4' ? credentialsReadiness(auth.credentials) : undefined,
      pingIntervalMs: options.pingIntervalMs,
      metrics,
      responseCache: config.responseCache.enabled
        ? createResponseCache({ store: store.responseCache, ttlSeconds: config.responseCache.ttlSeconds, now: Date.now, logger })
        : undefined,
      guardrail: config.guardrail,
    });
    const url = await proxy.listen(config.port, config.host);

    return {
      url,
      bedrockEndpoint: endpoint,
      generatedMasterKey,
      simulator,
      store,
      // The server stops first; then Bedrock and the simulator close, the usage writer flushes, and the store closes.
      close: async (graceMs = config.shutdownTimeoutSeconds * 1000) => {
        await proxy.close(graceMs);
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Local token buckets per process, or (RATE_LIMIT_MODE=shared) counters in DynamoDB shared by every process. */
function createRateLimiter(config: Config, store: OpenedStore, logger: Logger): RateLimiter {
  if (config.rateLimit.mode === 'local') return createLocalRateLimiter({ now: Date.now });
  return createSharedRateLimiter({
    client: store.client,
    table: store.tables.rateLimits,
    now: Date.now,
    onStoreError: (error) => logger.warn('shared rate limits unavailable; deciding with this process\'s limits alone', { error: String(error) }),
  });
}

/** Ready once the AWS credentials resolve; a failure is reported, and retried on the next probe. */
function credentialsReadiness(credentials: () => Promise<unknown>): () => Promise<Readiness> {
  return async () => {
    try {
      await credentials();
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: `AWS credentials could not be resolved: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
