import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/create-metrics.js';

/** The sample lines of one metric family, as `name{labels} value`. */
function samples(body: string, name: string): string[] {
  return body.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('createMetrics', () => {
  it('counts requests by route, status, model and API, with a duration histogram without the model', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeRequest({ route: '/v1/messages', status: 200, model: 'claude-sonnet-4-6', api: 'converse' }, 0.3);
    metrics.observeRequest({ route: '/v1/messages', status: 200, model: 'claude-sonnet-4-6', api: 'converse' }, 7);
    metrics.observeRequest({ route: '/v1/models/{id}', status: 401 }, 0.001);
    const { body, contentType } = await metrics.render();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(samples(body, 'anthropic_proxy_requests_total')).toEqual([
      'anthropic_proxy_requests_total{route="/v1/messages",status="200",model="claude-sonnet-4-6",api="converse"} 2',
      'anthropic_proxy_requests_total{route="/v1/models/{id}",status="401",model="none",api="none"} 1',
    ]);
    expect(body).toContain('# TYPE anthropic_proxy_request_duration_seconds histogram');
    const messages = '{le="%s",route="/v1/messages",status="200",api="converse"}';
    const bucket = (le: string) => `anthropic_proxy_request_duration_seconds_bucket${messages.replace('%s', le)}`;
    expect(body).toContain(`${bucket('0.25')} 0`);
    expect(body).toContain(`${bucket('0.5')} 1`);
    expect(body).toContain(`${bucket('5')} 1`);
    expect(body).toContain(`${bucket('10')} 2`);
    expect(body).toContain(`${bucket('300')} 2`);
    expect(body).toContain(`${bucket('+Inf')} 2`);
    expect(body).toContain('anthropic_proxy_request_duration_seconds_sum{route="/v1/messages",status="200",api="converse"} 7.3');
    expect(body).toContain('anthropic_proxy_request_duration_seconds_count{route="/v1/models/{id}",status="401",api="none"} 1');
    expect(body).toContain(`anthropic_proxy_request_duration_seconds_bucket{le="0.005",route="/v1/models/{id}",status="401",api="none"} 1`);
  });

  it('records Bedrock call durations and time to first token with their own buckets', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeBedrockCall({ api: 'converse', operation: 'converse-stream', outcome: 'ok' }, 1.5);
    metrics.observeBedrockCall({ api: 'invoke', operation: 'invoke', outcome: 'error' }, 0.02);
    metrics.observeTimeToFirstToken({ api: 'converse', model: 'claude-haiku-4-5' }, 0.4);
    const { body } = await metrics.render();
    expect(samples(body, 'anthropic_proxy_bedrock_call_duration_seconds_count')).toEqual([
      'anthropic_proxy_bedrock_call_duration_seconds_count{api="converse",operation="converse-stream",outcome="ok"} 1',
      'anthropic_proxy_bedrock_call_duration_seconds_count{api="invoke",operation="invoke",outcome="error"} 1',
    ]);
    const ttft = samples(body, 'anthropic_proxy_time_to_first_token_seconds_bucket');
    expect(ttft.map((line) => /le="([^"]+)"/.exec(line)?.[1])).toEqual(['0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2', '3', '5', '10', '20', '30', '60', '+Inf']);
    expect(ttft).toContain('anthropic_proxy_time_to_first_token_seconds_bucket{le="0.25",api="converse",model="claude-haiku-4-5"} 0');
    expect(ttft).toContain('anthropic_proxy_time_to_first_token_seconds_bucket{le="0.5",api="converse",model="claude-haiku-4-5"} 1');
  });

  it('counts tokens by direction and model', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.countTokens({ model: 'claude-sonnet-4-6' }, { input: 100, output: 20, cacheRead: 1024, cacheWrite: 0 });
    metrics.countTokens({ model: 'claude-sonnet-4-6' }, { input: 5, output: 1, cacheRead: 0, cacheWrite: 512 });
    metrics.countTokens({}, { input: 3, output: Number.NaN, cacheRead: -1, cacheWrite: 0 });
    const { body } = await metrics.render();
    expect(samples(body, 'anthropic_proxy_tokens_total')).toEqual([
      'anthropic_proxy_tokens_total{direction="input",model="claude-sonnet-4-6"} 105',
      'anthropic_proxy_tokens_total{direction="output",model="claude-sonnet-4-6"} 21',
      'anthropic_proxy_tokens_total{direction="cache_read",model="claude-sonnet-4-6"} 1024',
      'anthropic_proxy_tokens_total{direction="cache_write",model="claude-sonnet-4-6"} 512',
      'anthropic_proxy_tokens_total{direction="input",model="none"} 3',
      'anthropic_proxy_tokens_total{direction="cache_write",model="none"} 0',
    ]);
  });

  it('counts rate-limit rejections, auth failures and cache lookups', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.countRateLimitRejection('requests');
    metrics.countRateLimitRejection('requests');
    metrics.countRateLimitRejection('output_tokens');
    metrics.countAuthFailure('invalid');
    metrics.countAuthFailure('missing');
    metrics.countAuthFailure('invalid');
    metrics.countCacheLookup('hit');
    metrics.countCacheLookup('miss');
    metrics.countCacheLookup('miss');
    metrics.countCacheLookup('bypass');
    const { body } = await metrics.render();
    expect(samples(body, 'anthropic_proxy_rate_limit_rejections_total')).toEqual([
      'anthropic_proxy_rate_limit_rejections_total{kind="requests"} 2',
      'anthropic_proxy_rate_limit_rejections_total{kind="output_tokens"} 1',
    ]);
    expect(samples(body, 'anthropic_proxy_auth_failures_total')).toEqual([
      'anthropic_proxy_auth_failures_total{reason="invalid"} 2',
      'anthropic_proxy_auth_failures_total{reason="missing"} 1',
    ]);
    expect(samples(body, 'anthropic_proxy_response_cache_lookups_total')).toEqual([
      'anthropic_proxy_response_cache_lookups_total{outcome="hit"} 1',
      'anthropic_proxy_response_cache_lookups_total{outcome="miss"} 2',
      'anthropic_proxy_response_cache_lookups_total{outcome="bypass"} 1',
    ]);
  });

  it('tracks active streams, never below zero', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.streamStarted();
    metrics.streamStarted();
    metrics.streamStarted();
    metrics.streamEnded();
    expect(samples((await metrics.render()).body, 'anthropic_proxy_active_streams')).toEqual(['anthropic_proxy_active_streams 2']);
    for (let ended = 0; ended < 4; ended += 1) metrics.streamEnded();
    expect(samples((await metrics.render()).body, 'anthropic_proxy_active_streams')).toEqual(['anthropic_proxy_active_streams 0']);
  });

  it('reads the usage writer gauges at scrape time', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect(samples((await metrics.render()).body, 'anthropic_proxy_usage_writer_queue_depth')).toEqual(['anthropic_proxy_usage_writer_queue_depth 0']);
    let reading = { queueDepth: 7, spoolSize: 120 };
    metrics.watchUsageWriter(() => reading);
    let body = (await metrics.render()).body;
    expect(samples(body, 'anthropic_proxy_usage_writer_queue_depth')).toEqual(['anthropic_proxy_usage_writer_queue_depth 7']);
    expect(samples(body, 'anthropic_proxy_usage_spool_records')).toEqual(['anthropic_proxy_usage_spool_records 120']);
    reading = { queueDepth: 0, spoolSize: 3 };
    body = (await metrics.render()).body;
    expect(samples(body, 'anthropic_proxy_usage_writer_queue_depth')).toEqual(['anthropic_proxy_usage_writer_queue_depth 0']);
    expect(samples(body, 'anthropic_proxy_usage_spool_records')).toEqual(['anthropic_proxy_usage_spool_records 3']);
    metrics.watchUsageWriter(() => {
      throw new Error('writer gone');
    });
    expect(samples((await metrics.render()).body, 'anthropic_proxy_usage_spool_records')).toEqual(['anthropic_proxy_usage_spool_records 0']);
  });

  it('bounds the model label: after 200 distinct values, further ones count as "other"', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    for (let index = 0; index < 205; index += 1) metrics.observeRequest({ route: '/v1/messages', status: 404, model: `made-up-${index}` }, 0.01);
    metrics.observeRequest({ route: '/v1/messages', status: 404, model: 'made-up-3' }, 0.01);
    const lines = samples((await metrics.render()).body, 'anthropic_proxy_requests_total');
    expect(lines).toHaveLength(201);
    expect(lines).toContain('anthropic_proxy_requests_total{route="/v1/messages",status="404",model="other",api="none"} 5');
    expect(lines).toContain('anthropic_proxy_requests_total{route="/v1/messages",status="404",model="made-up-3",api="none"} 2');
  });

  it('keeps each proxy in its own registry, with a custom prefix and process metrics', async () => {
    const first = createMetrics({ prefix: 'first_' });
    const second = createMetrics({ prefix: 'first_' });
    first.countCacheLookup('hit');
    const firstBody = (await first.render()).body;
    const secondBody = (await second.render()).body;
    expect(samples(firstBody, 'first_response_cache_lookups_total')).toEqual(['first_response_cache_lookups_total{outcome="hit"} 1']);
    expect(samples(secondBody, 'first_response_cache_lookups_total')).toEqual([]);
    expect(firstBody).toContain('# TYPE first_process_cpu_user_seconds_total counter');
    expect(firstBody).toContain('# TYPE first_nodejs_eventloop_lag_seconds gauge');
    expect((await createMetrics({ defaultMetrics: false }).render()).body).not.toContain('process_cpu_user_seconds_total');
  });

  it('follows Prometheus naming: counters end in _total, durations in _seconds', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const families = (await metrics.registry.getMetricsAsJSON()).map((metric) => ({ name: metric.name, type: String(metric.type) }));
    expect(families).toEqual([
      { name: 'anthropic_proxy_requests_total', type: 'counter' },
      { name: 'anthropic_proxy_request_duration_seconds', type: 'histogram' },
      { name: 'anthropic_proxy_bedrock_call_duration_seconds', type: 'histogram' },
      { name: 'anthropic_proxy_time_to_first_token_seconds', type: 'histogram' },
      { name: 'anthropic_proxy_tokens_total', type: 'counter' },
      { name: 'anthropic_proxy_rate_limit_rejections_total', type: 'counter' },
      { name: 'anthropic_proxy_auth_failures_total', type: 'counter' },
      { name: 'anthropic_proxy_response_cache_lookups_total', type: 'counter' },
      { name: 'anthropic_proxy_active_streams', type: 'gauge' },
      { name: 'anthropic_proxy_usage_writer_queue_depth', type: 'gauge' },
      { name: 'anthropic_proxy_usage_spool_records', type: 'gauge' },
    ]);
  });
});
