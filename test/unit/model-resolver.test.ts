import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createModelResolver } from '../../src/server/create-model-resolver.js';
import type { ModelMapping, ModelMappingStore } from '../../src/store/types.js';

function fakeMappings(mappings: ModelMapping[]) {
  let reads = 0;
  let failing = false;
  const store = {
    list: async () => {
      reads += 1;
      if (failing) throw new Error('table unavailable');
      return [...mappings];
    },
  } as unknown as ModelMappingStore;
  return { store, reads: () => reads, fail: () => { failing = true; } };
}

const stored: ModelMapping = { anthropicModelId: 'claude-sonnet-4-5', bedrockModelId: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/x', api: 'converse', updatedAt: '2026-11-01T00:00:00Z' };

describe('the model resolver', () => {
  it('prefers a stored mapping, and falls back to the default table', async () => {
    const mappings = fakeMappings([stored]);
    const resolve = createModelResolver({ mappings: mappings.store, geoPrefix: 'eu', cacheTtlMs: 1000, logger: silentLogger });
    expect(await resolve('claude-sonnet-4-5')).toEqual({ bedrockModelId: stored.bedrockModelId, api: 'converse', mapped: true });
    expect(await resolve('claude-haiku-4-5')).toEqual({ bedrockModelId: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0', api: 'auto', mapped: false });
    expect(mappings.reads()).toBe(1);
  });

  it('reads the table again once the snapshot is older than the cache window', async () => {
    let now = 0;
    const list: ModelMapping[] = [];
    const mappings = fakeMappings(list);
    const resolve = createModelResolver({ mappings: mappings.store, geoPrefix: 'us', cacheTtlMs: 30_000, now: () => now, logger: silentLogger });
    expect((await resolve('claude-sonnet-4-5')).mapped).toBe(false);
    list.push(stored);
    now = 29_999;
    expect((await resolve('claude-sonnet-4-5')).mapped).toBe(false);
    now = 30_000;
    const [first, second] = await Promise.all([resolve('claude-sonnet-4-5'), resolve('claude-sonnet-4-5')]);
    expect([first.mapped, second.mapped]).toEqual([true, true]);
    expect(mappings.reads()).toBe(2);
  });

  it('keeps the last snapshot when a refresh fails', async () => {
    let now = 0;
    const mappings = fakeMappings([stored]);
    const resolve = createModelResolver({ mappings: mappings.store, geoPrefix: 'us', cacheTtlMs: 10, now: () => now, logger: silentLogger });
    await resolve('claude-sonnet-4-5');
    mappings.fail();
    now = 100;
    expect((await resolve('claude-sonnet-4-5')).mapped).toBe(true);
    expect(mappings.reads()).toBe(2);
  });
});
