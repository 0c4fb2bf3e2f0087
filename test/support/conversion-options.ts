import type { ConverseConversionOptions } from '../../src/convert/convert-request-to-converse.js';

/** Conversion options for the usual targets of converter tests. */
export const claude: ConverseConversionOptions = {
  bedrockModelId: 'us.anthropic.claude-sonnet-4-6',
  anthropicModel: true,
  anthropicVersion: '2023-06-01',
  betas: [],
  features: { toolUse: true, extendedThinking: true, documents: true, promptCaching: true },
};
export const llama: ConverseConversionOptions = { ...claude, bedrockModelId: 'us.meta.llama3-3-70b-instruct-v1:0', anthropicModel: false };
export const version2026: ConverseConversionOptions = { ...claude, anthropicVersion: '2026-10-21' };
