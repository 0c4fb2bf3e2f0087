import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createLabelLimiter } from './create-label-limiter.js';
import { requestDurationBuckets, timeToFirstTokenBuckets } from './metric-buckets.js';

/** The label value for a request that never reached a model or a Bedrock API (401, /v1/models, …). */
export const absentLabelValue = 'none';

export interface UsageWriterReading {
  queueDepth: number;
  spoolSize: number;
}

export interface ProxyMetrics {
  registry: Registry;
  /** requests_total{route,status,model,api} and request_duration_seconds{route,status,api} */
  observeRequest(labels: { route: string; status: number; model?: string; api?: string }, seconds: number): void;
  /** bedrock_call_duration_seconds{api,operation,outcome} — outcome: ok | error */
  observeBedrockCall(labels: { api: string; operation: string; outcome: 'ok' | 'error' }, seconds: number): void;
  observeTimeToFirstToken(labels: { api: string; model?: string }, seconds: number): void;
  /** tokens_total{direction: input|output|cache_read|cache_write, model} */
  countTokens(labels: { model?: string }, tokens: { input: number; output: number; cacheRead: number; cacheWrite: number }): void;
  /** rate_limit_rejections_total{kind} */
  countRateLimitRejection(kind: string): void;
  /** auth_failures_total{reason} */
  countAuthFailure(reason: 'missing' | 'invalid' | 'store_unavailable'): void;
  /** response_cache_lookups_total{outcome} */
  countCacheLookup(outcome: 'hit' | 'miss' | 'bypass'): void;
  /** active_streams (gauge) */
  streamStarted(): void;
  streamEnded(): void;
  /** Gauges read at scrape time: usage_writer_queue_depth, usage_spool_records. */
  watchUsageWriter(read: () => UsageWriterReading): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Default 'anthropic_proxy_'. */
  prefix?: string;
  /** Process metrics (CPU, memory, event loop, GC); default true. */
  defaultMetrics?: boolean;
}

/**
 * The proxy's Prometheus metrics in a registry of their own (never prom-client's global one), so
 * several proxies in one process (tests) keep separate counts. Observations never throw: a
 * negative or non-finite amount is ignored rather than failing a request.
 */
export function createMetrics(options: MetricsOptions = {}): ProxyMetrics {
  const prefix = options.prefix ?? 'anthropic_proxy_';
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];
  const boundModel = createLabelLimiter({ maximumValues: 200 });
  const boundRoute = createLabelLimiter({ maximumValues: 50 });
  const boundKind = createLabelLimiter({ maximumValues: 20 });
  const modelLabel = (model: string | undefined) => boundModel(model ?? absentLabelValue);

  const requests = new Counter({
    name: `${prefix}requests_total`,
    help: 'HTTP requests answered, by route pattern, status, client model and Bedrock API',
    labelNames: ['route', 'status', 'model', 'api'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: `${prefix}request_duration_seconds`,
    help: 'Time from a request arriving to its response ending',
    labelNames: ['route', 'status', 'api'] as const,
    buckets: [...requestDurationBuckets],
    registers,
  });
  const bedrockDuration = new Histogram({
    name: `${prefix}bedrock_call_duration_seconds`,
    help: 'Bedrock calls: time to the whole answer, or to the end of the stream',
    labelNames: ['api', 'operation', 'outcome'] as const,
    buckets: [...requestDurationBuckets],
    registers,
  });
  const timeToFirstToken = new Histogram({
    name: `${prefix}time_to_first_token_seconds`,
    help: 'Streams: time from the request arriving to the first content sent',
    labelNames: ['api', 'model'] as const,
    buckets: [...timeToFirstTokenBuckets],
    registers,
  });
  const tokens = new Counter({
    name: `${prefix}tokens_total`,
    help: 'Tokens Bedrock reported, by direction (input, output, cache_read, cache_write) and client model',
    labelNames: ['direction', 'model'] as const,
    registers,
  });
  const rateLimitRejections = new Counter({
    name: `${prefix}rate_limit_rejections_total`,
    help: 'Requests refused by the proxy rate limits, by limit kind',
    labelNames: ['kind'] as const,
    registers,
  });
  const authFailures = new Counter({
    name: `${prefix}auth_failures_total`,
    help: 'Requests refused before authentication succeeded, by reason',
    labelNames: ['reason'] as const,
    registers,
  });
  const cacheLookups = new Counter({
    name: `${prefix}response_cache_lookups_total`,
    help: 'Response cache lookups: hit, miss, or bypass (not cacheable or caching off for the key)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const activeStreams = new Gauge({ name: `${prefix}active_streams`, help: 'Streaming responses in progress', registers });

  let readUsageWriter: (() => UsageWriterReading) | undefined;
  const readUsage = (field: keyof UsageWriterReading): number => {
    try {
      const value = readUsageWriter?.()[field] ?? 0;
      return isAmount(value) ? value : 0;
    } catch {
      return 0;
    }
  };
  new Gauge({
    name: `${prefix}usage_writer_queue_depth`,
    help: 'Usage records waiting to be written to the store',
    registers,
    collect() {
      this.set(readUsage('queueDepth'));
    },
  });
  new Gauge({
    name: `${prefix}usage_spool_records`,
    help: 'Usage records spooled to disk while the store is unreachable',
    registers,
    collect() {
      this.set(readUsage('spoolSize'));
    },
  });

  let streams = 0;
  return {
    registry,
    observeRequest(labels, seconds) {
      const route = boundRoute(labels.route);
      const status = String(labels.status);
      const api = labels.api ?? absentLabelValue;
      requests.inc({ route, status, model: modelLabel(labels.model), api });
      if (isAmount(seconds)) requestDuration.observe({ route, status, api }, seconds);
    },
    observeBedrockCall(labels, seconds) {
      if (isAmount(seconds)) bedrockDuration.observe({ api: labels.api, operation: labels.operation, outcome: labels.outcome }, seconds);
    },
    observeTimeToFirstToken(labels, seconds) {
      if (isAmount(seconds)) timeToFirstToken.observe({ api: labels.api, model: modelLabel(labels.model) }, seconds);
    },
    countTokens(labels, counts) {
      const model = modelLabel(labels.model);
      const directions = [
        ['input', counts.input],
        ['output', counts.output],
        ['cache_read', counts.cacheRead],
        ['cache_write', counts.cacheWrite],
      ] as const;
      for (const [direction, count] of directions) if (isAmount(count)) tokens.inc({ direction, model }, count);
    },
    countRateLimitRejection(kind) {
      rateLimitRejections.inc({ kind: boundKind(kind) });
    },
    countAuthFailure(reason) {
      authFailures.inc({ reason });
    },
    countCacheLookup(outcome) {
      cacheLookups.inc({ outcome });
    },
    streamStarted() {
      streams += 1;
      activeStreams.set(streams);
    },
    streamEnded() {
      // An unmatched end must not push the gauge below zero.
      streams = Math.max(0, streams - 1);
      activeStreams.set(streams);
    },
    watchUsageWriter(read) {
      readUsageWriter = read;
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

function isAmount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}
