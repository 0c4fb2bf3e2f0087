import { describe, expect, it } from 'vitest';
import { chooseBedrockApi } from '../../src/server/choose-bedrock-api.js';

describe('chooseBedrockApi', () => {
  it.each([
    ['a Claude default under CLAUDE_API=invoke', 'auto', 'invoke', true, 'invoke'],
    ['a Claude default under CLAUDE_API=converse', 'auto', 'converse', true, 'converse'],
    ['a Claude mapping that asks for converse', 'converse', 'invoke', true, 'converse'],
    ['a Claude mapping that asks for invoke', 'invoke', 'converse', true, 'invoke'],
    ['another provider, whatever is asked', 'invoke', 'invoke', false, 'converse'],
    ['another provider by default', 'auto', 'invoke', false, 'converse'],
  ] as const)('%s', (_name, mappingApi, claudeApi, anthropicModel, expected) => {
    expect(chooseBedrockApi({ bedrockModelId: 'x', api: mappingApi, mapped: mappingApi !== 'auto' }, { claudeApi, anthropicModel })).toBe(expected);
  });
});
