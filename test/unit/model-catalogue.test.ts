import { describe, expect, it } from 'vitest';
import type { ModelTableEntry } from '../../src/bedrock/model-ids.js';
import { buildModelCatalogue, defaultTableRevisedAt, findModel, pageOfModels } from '../../src/server/model-catalogue.js';
import { proxyErrorOf } from '../support/proxy-error-of.js';

const defaults: ModelTableEntry[] = [
  { anthropicId: 'claude-opus-5', bedrockBaseId: 'anthropic.claude-opus-5', displayName: 'Claude Opus 5' },
  { anthropicId: 'claude-sonnet-4-5', bedrockBaseId: 'anthropic.claude-sonnet-4-5-20250929-v1:0', displayName: 'Claude Sonnet 4.5', aliases: ['claude-sonnet-4-5-20250929'] },
  { anthropicId: 'claude-3-haiku-20240307', bedrockBaseId: 'anthropic.claude-3-haiku-20240307-v1:0', displayName: 'Claude Haiku 3' },
];
const stored = [
  { anthropicModelId: 'team-fast', bedrockModelId: 'amazon.nova-micro-v1:0', api: 'converse' as const, updatedAt: '2026-11-01T10:00:00.000Z' },
  { anthropicModelId: 'team-smart', bedrockModelId: 'us.anthropic.claude-opus-5', api: 'auto' as const, displayName: 'Team smart', updatedAt: '2026-11-20T10:00:00.000Z' },
  { anthropicModelId: 'claude-opus-5', bedrockModelId: 'global.anthropic.claude-opus-5', api: 'invoke' as const, displayName: 'Opus via global', updatedAt: '2026-11-21T10:00:00.000Z' },
];
const catalogue = buildModelCatalogue(defaults, stored);

describe('the model catalogue', () => {
  it('lists stored additions newest first, then the defaults in order, with release dates from dated ids', () => {
    expect(catalogue).toEqual([
      { type: 'model', id: 'team-smart', display_name: 'Team smart', created_at: '2026-11-20T10:00:00.000Z' },
      { type: 'model', id: 'team-fast', display_name: 'team-fast', created_at: '2026-11-01T10:00:00.000Z' },
      { type: 'model', id: 'claude-opus-5', display_name: 'Opus via global', created_at: defaultTableRevisedAt },
      { type: 'model', id: 'claude-sonnet-4-5', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
      { type: 'model', id: 'claude-3-haiku-20240307', display_name: 'Claude Haiku 3', created_at: '2024-03-07T00:00:00Z' },
    ]);
  });

  it('finds a model by id or alias, and answers 404 for others', () => {
    expect(findModel(catalogue, defaults, 'claude-sonnet-4-5-20250929').id).toBe('claude-sonnet-4-5');
    expect(findModel(catalogue, defaults, 'team-fast').id).toBe('team-fast');
    expect(proxyErrorOf(() => findModel(catalogue, defaults, 'gpt-4o'))).toEqual({ code: 'BEDROCK_NOT_FOUND', message: 'model: gpt-4o is not a model this proxy serves' });
  });

  const ids = (page: { data: Array<{ id: string }> }) => page.data.map((model) => model.id);
  it.each([
    [{}, ['team-smart', 'team-fast', 'claude-opus-5', 'claude-sonnet-4-5', 'claude-3-haiku-20240307'], false],
    [{ limit: '2' }, ['team-smart', 'team-fast'], true],
    [{ limit: '2', after_id: 'team-fast' }, ['claude-opus-5', 'claude-sonnet-4-5'], true],
    [{ limit: '2', after_id: 'claude-sonnet-4-5' }, ['claude-3-haiku-20240307'], false],
    [{ limit: '2', before_id: 'claude-sonnet-4-5' }, ['team-fast', 'claude-opus-5'], true],
    [{ limit: '5', before_id: 'claude-opus-5' }, ['team-smart', 'team-fast'], false],
  ])('pages %j', (query, expected, hasMore) => {
    const page = pageOfModels(catalogue, query);
    expect(ids(page)).toEqual(expected);
    expect(page.has_more).toBe(hasMore);
    expect(page.first_id).toBe(expected[0]);
    expect(page.last_id).toBe(expected.at(-1));
  });

  it.each([
    [{ limit: '0' }, 'limit: Input should be an integer from 1 to 1000'],
    [{ limit: 'ten' }, 'limit: Input should be an integer from 1 to 1000'],
    [{ after_id: 'nope' }, 'after_id: no model with id nope'],
    [{ after_id: 'team-fast', before_id: 'claude-opus-5' }, 'before_id and after_id cannot be used together'],
  ])('refuses %j', (query, message) => {
    expect(proxyErrorOf(() => pageOfModels(catalogue, query)).message).toBe(message);
  });
});
