import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSseFrames, rawRequest } from '../support/raw-http.js';
import { sharedAvailable, sharedFixturePath } from '../support/shared-fixtures.js';
import { bedrockApis, useTestProxiesForBothApis, type BedrockApiName } from '../support/both-apis.js';
import { testMasterKey, type TestProxy } from '../support/start-test-proxy.js';

interface RecordedRequest {
  path: string;
  headers: Record<string, string>;
  body: { stream?: boolean; messages: unknown[] };
}

const stacks = useTestProxiesForBothApis();

const trimmedDirectory = fileURLToPath(new URL('../fixtures/claude-code/', import.meta.url));
const trimmed = readdirSync(trimmedDirectory).map((file) => [file, path.join(trimmedDirectory, file)] as const);
const recorded = sharedAvailable
  ? readdirSync(sharedFixturePath('claude-code')).map((file) => [`${file} (full size)`, sharedFixturePath(`claude-code/${file}`)] as const)
  : [];

/** Sends a recorded Claude Code request as Claude Code sent it, with this proxy's key. */
function replay(stack: TestProxy, recording: RecordedRequest, stream: boolean) {
  const headers = { ...recording.headers, 'x-api-key': testMasterKey };
  return rawRequest(`${stack.url}${recording.path}`, { headers, body: JSON.stringify({ ...recording.body, stream }) });
}

/** What InvokeModel must not receive: the client's model and stream flags, system roles, tool extras, more than four cache points. */
function checkInvokeBody(body: { messages: Array<{ role: string }>; tools?: Array<Record<string, unknown>>; anthropic_version?: string } & Record<string, unknown>) {
  expect(body.anthropic_version).toBe('bedrock-2023-05-31');
  expect('model' in body || 'stream' in body).toBe(false);
  expect(body.messages.every((message) => message.role === 'user' || message.role === 'assistant')).toBe(true);
  for (const tool of body.tools ?? []) expect('defer_loading' in tool).toBe(false);
  const cacheControls = JSON.stringify(body).match(/"cache_control"/g) ?? [];
  expect(cacheControls.length).toBeGreaterThan(0);
  expect(cacheControls.length).toBeLessThanOrEqual(4);
}

function checkConverseBody(body: { messages: Array<{ role: string; content: Array<Record<string, unknown>> }>; system?: unknown[]; toolConfig?: { tools: unknown[] } }) {
  const roles = body.messages.map((message) => message.role);
  expect(roles[0]).toBe('user');
  roles.forEach((role, index) => index > 0 && expect(role).not.toBe(roles[index - 1]));
  const cachePoints = [...(body.system ?? []), ...(body.toolConfig?.tools ?? []), ...body.messages.flatMap((message) => message.content)]
    .filter((block) => typeof block === 'object' && block !== null && 'cachePoint' in block);
  expect(cachePoints.length).toBeGreaterThan(0);
  expect(cachePoints.length).toBeLessThanOrEqual(4);
}

const cases = bedrockApis.flatMap((api) => [...trimmed, ...recorded].map(([name, file]) => [api, name, file] as const));

describe.each(cases)('through %s, a Claude Code request: %s', (api: BedrockApiName, _name, file) => {
  const recording = JSON.parse(readFileSync(file, 'utf8')) as RecordedRequest;
  const stack = stacks[api];

  it('streams a complete answer through the strict simulator', async () => {
    const response = await replay(stack, recording, true);
    expect(response.status, response.text).toBe(200);
    const frames = parseSseFrames(response.text);
    expect(frames[0]!.event).toBe('message_start');
    expect(frames.at(-1)!.event).toBe('message_stop');
    const call = stack.simulator.calls.at(-1)!;
    if (api === 'converse') {
      expect(call.operation).toBe('ConverseStream');
      checkConverseBody(call.body as Parameters<typeof checkConverseBody>[0]);
    } else {
      expect(call.operation).toBe('InvokeModelWithResponseStream');
      checkInvokeBody(call.body as Parameters<typeof checkInvokeBody>[0]);
    }
  });

  it('answers the same request without streaming', async () => {
    const response = await replay(stack, recording, false);
    expect(response.status, response.text).toBe(200);
    expect((response.json() as { model: string }).model).toBe((recording.body as { model?: string }).model);
  });
});

if (!sharedAvailable) {
  describe.skip('full-size Claude Code requests (../shared not found next to the repository)', () => {
    it('replays them', () => {});
  });
}
