import Anthropic from '@anthropic-ai/sdk';
import AnthropicLegacy from 'anthropic-sdk-0';
import { describe, expect, it } from 'vitest';
import { scriptedMessages } from '../support/mock-script.js';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { startTestProxy, testMasterKey, useTestProxy } from '../support/start-test-proxy.js';

const stack = useTestProxy({ MAX_REQUEST_BYTES: String(64 * 1024) });

const model = 'claude-sonnet-4-5';
const jsonHeaders = { 'content-type': 'application/json', 'x-api-key': testMasterKey };

function expectEnvelope(response: { status: number; headers: Record<string, unknown>; json(): unknown }, status: number, type: string, message: string | RegExp) {
  expect(response.status).toBe(status);
  const requestId = response.headers['request-id'];
  expect(requestId).toMatch(/^req_/);
  const body = response.json() as { type: string; error: { type: string; message: string }; request_id: string };
  expect(body.type).toBe('error');
  expect(body.error.type).toBe(type);
  expect(body.request_id).toBe(requestId);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else expect(body.error.message).toMatch(message);
}

describe('Bedrock errors become Anthropic errors', () => {
  it.each([
    ['throttle', 429, 'rate_limit_error', Anthropic.RateLimitError],
    ['unavailable', 529, 'overloaded_error', Anthropic.APIError],
    ['internal_error', 500, 'api_error', Anthropic.InternalServerError],
    ['model_timeout', 504, 'timeout_error', Anthropic.InternalServerError],
  ] as const)('%s → %i %s, streaming or not', async (preset, status, type, errorClass) => {
    for (const stream of [false, true]) {
      const response = await rawRequest(`${stack.url}/v1/messages`, {
        headers: jsonHeaders,
        body: JSON.stringify({ model, max_tokens: 50, stream, messages: scriptedMessages(preset) }),
      });
      expectEnvelope(response, status, type, /./);
    }
    const error = await stack.client.messages.create({ model, max_tokens: 50, messages: scriptedMessages(preset) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect((error as InstanceType<typeof Anthropic.APIError>).status).toBe(status);
    expect((error as InstanceType<typeof Anthropic.APIError>).requestID).toMatch(/^req_/);
  });

  it.each([
    ['AccessDeniedException', 403, 'permission_error'],
    ['ResourceNotFoundException', 404, 'not_found_error'],
    ['ModelNotReadyException', 529, 'overloaded_error'],
    ['ServiceQuotaExceededException', 429, 'rate_limit_error'],
    ['ModelErrorException', 500, 'api_error'],
  ] as const)('%s → %i %s', async (name, status, type) => {
    const message = `scripted ${name}`;
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: jsonHeaders,
      body: JSON.stringify({ model, max_tokens: 50, messages: scriptedMessages({ error: { name, message } }) }),
    });
    expectEnvelope(response, status, type, message);
  });

  it('tells a throttled client when to retry', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: jsonHeaders,
      body: JSON.stringify({ model, max_tokens: 50, messages: scriptedMessages('throttle') }),
    });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('2');
  });

  it('turns a Bedrock validation error into 400 invalid_request_error with Bedrock\'s message', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: jsonHeaders,
      body: JSON.stringify({ model, max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 500 }, messages: [{ role: 'user', content: 'think' }] }),
    });
    expectEnvelope(response, 400, 'invalid_request_error', /budget_tokens/);
  });

  it('ends a stream broken by a Bedrock exception with an error frame, never message_stop', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, {
      headers: jsonHeaders,
      body: JSON.stringify({ model, max_tokens: 50, stream: true, messages: scriptedMessages('stream_exception') }),
    });
    expect(response.status).toBe(200);
    const frames = parseSseFrames(response.text);
    expect(frames.at(-1)!.event).toBe('error');
    expect(frames.some((frame) => frame.event === 'message_stop')).toBe(false);
    const error = frames.at(-1)!.data as { type: string; error: { type: string; message: string } };
    expect(error.type).toBe('error');
    expect(['api_error', 'overloaded_error']).toContain(error.error.type);
  });

  it.each([
    ['1.x', () => stack.client],
    ['0.x', () => stack.legacyClient as unknown as Anthropic],
  ])('a mid-stream error reaches the %s SDK as an APIError', async (_name, client) => {
    const stream = client().messages.stream({ model, max_tokens: 50, messages: scriptedMessages('stream_exception') });
    const error = await stream.finalMessage().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof Anthropic.APIError || error instanceof AnthropicLegacy.APIError).toBe(true);
  });
});

describe('bad requests get clear Anthropic errors', () => {
  it.each([
    ['malformed JSON', '{"model":', 400, 'invalid_request_error', /^The request body is not valid JSON/],
    ['an empty body', '', 400, 'invalid_request_error', 'The request body is empty; expected a JSON object'],
    ['a missing max_tokens', JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }), 400, 'invalid_request_error', /^max_tokens: /],
    ['an unknown top-level field', JSON.stringify({ model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }], colour: 'red' }), 400, 'invalid_request_error', 'colour: Extra inputs are not permitted'],
    ['an unknown model', JSON.stringify({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }), 404, 'not_found_error', /^model: gpt-4o/],
    ['max_tokens 0', JSON.stringify({ model, max_tokens: 0, messages: [{ role: 'user', content: 'hi' }] }), 400, 'invalid_request_error', /^max_tokens: must be at least 1/],
    ['an image URL source', JSON.stringify({ model, max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }, { type: 'text', text: 'what?' }] }] }), 400, 'invalid_request_error', /URL image sources are off on this proxy \(ALLOW_URL_SOURCES=true fetches them\)/],
  ])('%s', async (_name, body, status, type, message) => {
    const response = await rawRequest(`${stack.url}/v1/messages`, { headers: jsonHeaders, body });
    expectEnvelope(response, status, type, message);
  });

  it('refuses a body over the limit with 413 request_too_large', async () => {
    const body = JSON.stringify({ model, max_tokens: 5, messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    const response = await rawRequest(`${stack.url}/v1/messages`, { headers: jsonHeaders, body });
    expectEnvelope(response, 413, 'request_too_large', 'Request exceeds the maximum allowed size of 65536 bytes');
  });

  it('refuses a body that is not JSON by content type', async () => {
    const response = await rawRequest(`${stack.url}/v1/messages`, { headers: { ...jsonHeaders, 'content-type': 'text/plain' }, body: 'hello' });
    expectEnvelope(response, 415, 'invalid_request_error', 'content-type must be application/json; got text/plain');
  });

  it('answers an unknown route with 404 and a wrong method with 405', async () => {
    const missing = await rawRequest(`${stack.url}/v1/complete`, { headers: jsonHeaders, body: '{}' });
    expectEnvelope(missing, 404, 'not_found_error', 'Not found: POST /v1/complete');
    const wrongMethod = await rawRequest(`${stack.url}/v1/messages`, { method: 'GET', headers: jsonHeaders });
    expectEnvelope(wrongMethod, 405, 'invalid_request_error', 'Method GET is not allowed on /v1/messages; use POST');
    expect(wrongMethod.headers.allow).toBe('POST');
  });

  it('refuses temperature under anthropic-version 2026-10-21 and accepts it under 2023-06-01', async () => {
    const body = JSON.stringify({ model, max_tokens: 5, temperature: 0.5, messages: [{ role: 'user', content: 'hi' }] });
    const modern = await rawRequest(`${stack.url}/v1/messages`, { headers: { ...jsonHeaders, 'anthropic-version': '2026-10-21' }, body });
    expectEnvelope(modern, 400, 'invalid_request_error', /^temperature: /);
    const legacy = await rawRequest(`${stack.url}/v1/messages`, { headers: { ...jsonHeaders, 'anthropic-version': '2023-06-01' }, body });
    expect(legacy.status).toBe(200);
  });
});

describe('feature flags', () => {
  it.each([
    ['ENABLE_TOOL_USE', { tools: [{ name: 'get_weather', input_schema: { type: 'object' } }] }],
    ['ENABLE_EXTENDED_THINKING', { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2048 }],
    ['ENABLE_DOCUMENT_SUPPORT', { messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'doc' } }, { type: 'text', text: 'summarise' }] }] }],
    ['PROMPT_CACHING_ENABLED', { system: [{ type: 'text', text: 'be brief', cache_control: { type: 'ephemeral' } }] }],
  ])('a request using a feature turned off with %s gets a 400 naming the flag', async (flag, extra) => {
    const restricted = await startTestProxy({ [flag]: 'false' });
    try {
      const body = JSON.stringify({ model, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], ...extra });
      const response = await rawRequest(`${restricted.url}/v1/messages`, { headers: jsonHeaders, body });
      expectEnvelope(response, 400, 'invalid_request_error', new RegExp(`${flag}=false`));
    } finally {
      await restricted.close();
    }
  });
});
