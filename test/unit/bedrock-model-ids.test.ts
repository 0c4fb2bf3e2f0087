import { describe, expect, it } from 'vitest';
import {
  defaultModelTable,
  geoPrefixForRegion,
  isAnthropicBedrockModel,
  resolveBedrockModelId,
  type GeoPrefix,
} from '../../src/bedrock/model-ids.js';
import { resolveBedrockEndpoint } from '../../src/bedrock/resolve-endpoint.js';
import { ProxyError } from '../../src/errors.js';

describe('resolveBedrockModelId', () => {
  it.each([
    ['claude-sonnet-4-5', 'us', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['claude-sonnet-4-5-20250929', 'eu', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['claude-haiku-4-5-20251001', 'apac', 'apac.anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['claude-opus-4-6', 'global', 'global.anthropic.claude-opus-4-6-v1'],
    ['claude-opus-4-6', 'none', 'anthropic.claude-opus-4-6-v1'],
    ['claude-opus-5-5', 'au', 'au.anthropic.claude-opus-5-5'],
    ['claude-sonnet-4-6', 'jp', 'jp.anthropic.claude-sonnet-4-6'],
    ['claude-opus-4-7', 'ca', 'ca.anthropic.claude-opus-4-7'],
    ['claude-3-5-sonnet-20241022', 'us-gov', 'us-gov.anthropic.claude-3-5-sonnet-20241022-v2:0'],
    ['claude-3-7-sonnet-latest', 'us', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['claude-opus-4-1', 'us', 'us.anthropic.claude-opus-4-1-20250805-v1:0'],
  ] as const)('%s with geo %s → %s', (model, geoPrefix, expected) => {
    expect(resolveBedrockModelId(model, { geoPrefix })).toBe(expected);
  });

  it.each([
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-opus-4-6-v1',
    'us-gov.anthropic.claude-3-haiku-20240307-v1:0',
    'amazon.nova-pro-v1:0',
    'us.amazon.nova-2-lite-v1:0',
    'meta.llama3-3-70b-instruct-v1:0',
    'mistral.mistral-large-2407-v1:0',
    'openai.gpt-oss-120b-1:0',
    'us.openai.gpt-5.6-luna',
    'deepseek.r1-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123',
    'arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-6',
  ])('passes the Bedrock id %s through unchanged', (model) => {
    expect(resolveBedrockModelId(model, { geoPrefix: 'eu' })).toBe(model);
  });

  it.each(['claude-sonnet-9', 'gpt-4o', 'unknownprovider.model-v1', 'claude-fable-5-2', ''])(
    'refuses %j with a 404 not_found_error',
    (model) => {
      let caught: unknown;
      try {
        resolveBedrockModelId(model, { geoPrefix: 'us' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProxyError);
      expect(caught).toMatchObject({
        code: 'BEDROCK_NOT_FOUND',
        status: 404,
        type: 'not_found_error',
        message: `model: ${model} is not a known Claude model id or a Bedrock model id, inference-profile id or ARN`,
      });
    },
  );

  it('resolves every table entry and alias for every geo prefix', () => {
    const geos: GeoPrefix[] = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'us-gov', 'global'];
    for (const entry of defaultModelTable) {
      for (const id of [entry.anthropicId, ...(entry.aliases ?? [])]) {
        for (const geoPrefix of geos) {
          expect(resolveBedrockModelId(id, { geoPrefix })).toBe(`${geoPrefix}.${entry.bedrockBaseId}`);
        }
      }
      expect(isAnthropicBedrockModel(entry.bedrockBaseId)).toBe(true);
    }
  });

  it('has 23 models and no id twice', () => {
    const ids = defaultModelTable.flatMap((entry) => [entry.anthropicId, ...(entry.aliases ?? [])]);
    expect(defaultModelTable).toHaveLength(23);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('isAnthropicBedrockModel', () => {
  it.each([
    ['anthropic.claude-3-haiku-20240307-v1:0', true],
    ['eu.anthropic.claude-sonnet-4-6', true],
    ['us-gov.anthropic.claude-3-5-sonnet-20241022-v2:0', true],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-7', true],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-7', true],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', false],
    ['us.amazon.nova-2-lite-v1:0', false],
    ['us.openai.gpt-5.6-luna', false],
    ['meta.llama3-3-70b-instruct-v1:0', false],
  ])('%s → %s', (model, expected) => {
    expect(isAnthropicBedrockModel(model)).toBe(expected);
  });
});

describe('geoPrefixForRegion', () => {
  it.each([
    ['us-east-1', 'us'],
    ['us-west-2', 'us'],
    ['us-gov-west-1', 'us-gov'],
    ['eu-central-1', 'eu'],
    ['eu-west-3', 'eu'],
    ['ap-northeast-1', 'apac'],
    ['ap-southeast-2', 'apac'],
    ['ca-central-1', 'us'],
    ['sa-east-1', 'global'],
    ['me-central-1', 'global'],
  ])('%s → %s', (region, expected) => {
    expect(geoPrefixForRegion(region)).toBe(expected);
  });
});

describe('resolveBedrockEndpoint', () => {
  it.each([
    ['us-east-1', 'https://bedrock-runtime.us-east-1.amazonaws.com'],
    ['eu-central-1', 'https://bedrock-runtime.eu-central-1.amazonaws.com'],
    ['us-gov-west-1', 'https://bedrock-runtime.us-gov-west-1.amazonaws.com'],
    ['cn-north-1', 'https://bedrock-runtime.cn-north-1.amazonaws.com.cn'],
  ])('%s → %s', async (region, expected) => {
    expect(await resolveBedrockEndpoint(region)).toBe(expected);
  });
});
