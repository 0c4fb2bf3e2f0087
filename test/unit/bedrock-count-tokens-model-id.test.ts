import { describe, expect, it } from 'vitest';
import { baseModelIdForCountTokens } from '../../src/bedrock/model-ids.js';

describe('baseModelIdForCountTokens', () => {
  it.each<[string, string | undefined]>([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['eu.anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6'],
    ['global.anthropic.claude-opus-4-6-v1', 'anthropic.claude-opus-4-6-v1'],
    ['us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['apac.anthropic.claude-haiku-4-5-20251001-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
    ['anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6'],
    ['us.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0'],
    ['arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-6', 'anthropic.claude-sonnet-4-6'],
    ['arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1', 'anthropic.claude-opus-4-6-v1'],
    ['arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123', undefined],
    ['arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz', undefined],
    ['arn:aws:bedrock:us-east-1:123456789012:custom-model/anthropic.claude-sonnet-4-6/abc', undefined],
    ['claude-sonnet-4-6', undefined],
    ['unknownprovider.model-v1', undefined],
    ['', undefined],
  ])('%s → %s', (bedrockModelId, expected) => {
    expect(baseModelIdForCountTokens(bedrockModelId)).toBe(expected);
  });
});
