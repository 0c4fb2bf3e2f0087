import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessagesRequest } from '../../src/anthropic/request-schema.js';
import { buildNativeInvokeBody } from '../../src/convert/native/build-native-invoke-body.js';

/**
 * Recorded Claude Code requests (`test/fixtures/claude-code/<name>.json`, with their headers) and
 * the InvokeModel bodies they must become (`test/fixtures/native/claude-code-<name>.json`).
 */
const fixtures = new URL('../fixtures/', import.meta.url);
const allFeatures = { toolUse: true, extendedThinking: true, documents: true, promptCaching: true };

interface RecordedRequest {
  headers: Record<string, string>;
  body: unknown;
}

interface NativeFixture {
  body: Record<string, unknown>;
  removed: string[];
  warnings: string[];
}

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(relativePath, fixtures), 'utf8')) as T;
}

const names = readdirSync(new URL('claude-code/', fixtures))
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace('.json', ''))
  .sort();

describe('Claude Code requests → InvokeModel bodies', () => {
  it('has a native body for every recorded request', () => {
    expect(names).toEqual(['01-say-hi', '02-tool-use-second-turn', '03-sonnet-4-5-budget-thinking']);
  });

  it.each(names)('%s', (name) => {
    const recorded = readJson<RecordedRequest>(`claude-code/${name}.json`);
    const expected = readJson<NativeFixture>(`native/claude-code-${name}.json`);
    const version = recorded.headers['anthropic-version'];
    expect(version).toBe('2023-06-01');
    const betas = (recorded.headers['anthropic-beta'] ?? '').split(',').map((beta) => beta.trim());
    const request = parseMessagesRequest(recorded.body);
    const untouched = structuredClone(request);
    const result = buildNativeInvokeBody(request, { anthropicVersion: '2023-06-01', betas, features: allFeatures });
    expect(request).toEqual(untouched);
    expect(result.value.body).toEqual(expected.body);
    expect(result.value.removed).toEqual(expected.removed);
    expect(result.warnings).toEqual(expected.warnings);
  });
});
