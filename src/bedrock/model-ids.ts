import { ProxyError } from '../errors.js';

/** The geographic inference-profile prefix put before a base model id; 'none' calls the base id. */
export type GeoPrefix = 'us' | 'eu' | 'apac' | 'jp' | 'au' | 'ca' | 'us-gov' | 'global' | 'none';

export interface ModelTableEntry {
  anthropicId: string;
  bedrockBaseId: string;
  displayName: string;
  aliases?: string[];
}

/** Claude model ids of the Anthropic API and their Bedrock base ids (spec §7.1; rows without a known base id are left out). */
export const defaultModelTable: ReadonlyArray<ModelTableEntry> = [
  { anthropicId: 'claude-haiku-5-5', bedrockBaseId: 'anthropic.claude-haiku-5-5', displayName: 'Claude Haiku 5.5' },
  { anthropicId: 'claude-sonnet-5-5', bedrockBaseId: 'anthropic.claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5' },
  { anthropicId: 'claude-opus-5-5', bedrockBaseId: 'anthropic.claude-opus-5-5', displayName: 'Claude Opus 5.5' },
  { anthropicId: 'claude-fable-5-1', bedrockBaseId: 'anthropic.claude-fable-5-1', displayName: 'Claude Fable 5.1' },
  { anthropicId: 'claude-mythos-5-1', bedrockBaseId: 'anthropic.claude-mythos-5-1', displayName: 'Claude Mythos 5.1' },
  { anthropicId: 'claude-sonnet-5', bedrockBaseId: 'anthropic.claude-sonnet-5', displayName: 'Claude Sonnet 5' },
  { anthropicId: 'claude-fable-5', bedrockBaseId: 'anthropic.claude-fable-5', displayName: 'Claude Fable 5' },
  { anthropicId: 'claude-mythos-5', bedrockBaseId: 'anthropic.claude-mythos-5', displayName: 'Claude Mythos 5' },
  { anthropicId: 'claude-opus-5', bedrockBaseId: 'anthropic.claude-opus-5', displayName: 'Claude Opus 5' },
  { anthropicId: 'claude-opus-4-8', bedrockBaseId: 'anthropic.claude-opus-4-8', displayName: 'Claude Opus 4.8' },
  { anthropicId: 'claude-opus-4-7', bedrockBaseId: 'anthropic.claude-opus-4-7', displayName: 'Claude Opus 4.7' },
  {
    anthropicId: 'claude-mythos-preview',
    bedrockBaseId: 'anthropic.claude-mythos-preview',
    displayName: 'Claude Mythos Preview',
  },
  { anthropicId: 'claude-opus-4-6', bedrockBaseId: 'anthropic.claude-opus-4-6-v1', displayName: 'Claude Opus 4.6' },
  { anthropicId: 'claude-sonnet-4-6', bedrockBaseId: 'anthropic.claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6' },
  {
    anthropicId: 'claude-haiku-4-5',
    bedrockBaseId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    displayName: 'Claude Haiku 4.5',
    aliases: ['claude-haiku-4-5-20251001'],
  },
  {
    anthropicId: 'claude-opus-4-5',
    bedrockBaseId: 'anthropic.claude-opus-4-5-20251101-v1:0',
    displayName: 'Claude Opus 4.5',
    aliases: ['claude-opus-4-5-20251101'],
  },
  {
    anthropicId: 'claude-sonnet-4-5',
    bedrockBaseId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    displayName: 'Claude Sonnet 4.5',
    aliases: ['claude-sonnet-4-5-20250929'],
  },
  {
    anthropicId: 'claude-opus-4-1-20250805',
    bedrockBaseId: 'anthropic.claude-opus-4-1-20250805-v1:0',
    displayName: 'Claude Opus 4.1',
    aliases: ['claude-opus-4-1'],
  },
  {
    anthropicId: 'claude-opus-4-20250514',
    bedrockBaseId: 'anthropic.claude-opus-4-20250514-v1:0',
    displayName: 'Claude Opus 4',
    aliases: ['claude-opus-4-0'],
  },
  {
    anthropicId: 'claude-sonnet-4-20250514',
    bedrockBaseId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    displayName: 'Claude Sonnet 4',
    aliases: ['claude-sonnet-4-0'],
  },
  {
    anthropicId: 'claude-3-7-sonnet-20250219',
    bedrockBaseId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    displayName: 'Claude Sonnet 3.7',
    aliases: ['claude-3-7-sonnet-latest'],
  },
  {
    anthropicId: 'claude-3-5-sonnet-20241022',
    bedrockBaseId: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
    displayName: 'Claude Sonnet 3.5 (New)',
    aliases: ['claude-3-5-sonnet-latest'],
  },
  {
    anthropicId: 'claude-3-haiku-20240307',
    bedrockBaseId: 'anthropic.claude-3-haiku-20240307-v1:0',
    displayName: 'Claude Haiku 3',
  },
];

const entriesByClientId: ReadonlyMap<string, ModelTableEntry> = new Map(
  defaultModelTable.flatMap((entry) => [entry.anthropicId, ...(entry.aliases ?? [])].map((id) => [id, entry] as const)),
);

const geoPrefixes = ['us-gov', 'us', 'eu', 'apac', 'jp', 'au', 'ca', 'global'] as const;

const bedrockProviders = [
  'anthropic',
  'amazon',
  'meta',
  'mistral',
  'cohere',
  'ai21',
  'deepseek',
  'openai',
  'qwen',
  'writer',
  'twelvelabs',
  'stability',
  'luma',
  'google',
  'minimax',
  'moonshot',
  'moonshotai',
  'nvidia',
  'zai',
] as const;

const bedrockIdPattern = new RegExp(
  `^(?:(?:${geoPrefixes.join('|')})\\.)?(?:${bedrockProviders.join('|')})\\.[a-z0-9][a-z0-9._:-]*$`,
  'i',
);
const anthropicIdPattern = new RegExp(`^(?:(?:${geoPrefixes.join('|')})\\.)?anthropic\\.claude`, 'i');
/** `…:foundation-model/anthropic.claude…` and `…:inference-profile/<geo>.anthropic.claude…`. */
const anthropicArnPattern = new RegExp(
  `^arn:[^:]+:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)/(?:(?:${geoPrefixes.join('|')})\\.)?anthropic\\.claude`,
  'i',
);

/**
 * The geographic profile that keeps traffic near the region. Canadian regions use `us`: they are
 * source regions of the US profiles, and `ca.` profiles exist only for some models. Regions with
 * no geographic profile (South America, Middle East, Africa, …) use `global`.
 */
export function geoPrefixForRegion(region: string): GeoPrefix {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  if (region.startsWith('ca-')) return 'us';
  if (region.startsWith('eu-')) return 'eu';
  if (region.startsWith('ap-')) return 'apac';
  return 'global';
}

/** The client's model id → the Bedrock id to call. */
export function resolveBedrockModelId(model: string, options: { geoPrefix: GeoPrefix }): string {
  const entry = entriesByClientId.get(model);
  if (entry !== undefined) {
    return options.geoPrefix === 'none' ? entry.bedrockBaseId : `${options.geoPrefix}.${entry.bedrockBaseId}`;
  }
  if (isBedrockModelId(model)) return model;
  throw new ProxyError(
    'BEDROCK_NOT_FOUND',
    `model: ${model} is not a known Claude model id or a Bedrock model id, inference-profile id or ARN`,
  );
}

/** Base ids, profiles and ARNs that name an anthropic.claude model (application-profile ARNs are opaque: false). */
export function isAnthropicBedrockModel(bedrockModelId: string): boolean {
  return anthropicIdPattern.test(bedrockModelId) || anthropicArnPattern.test(bedrockModelId);
}

/** An id Bedrock itself understands: a base model id, an inference-profile id or an ARN. */
export function isBedrockModelId(model: string): boolean {
  return model.startsWith('arn:') || bedrockIdPattern.test(model);
}

const geoPrefixPattern = new RegExp(`^(?:${geoPrefixes.join('|')})\\.`, 'i');
/** `arn:…:bedrock:<region>:<account>:foundation-model/<id>` and `…:inference-profile/<id>` (system profiles). */
const modelArnPattern = /^arn:[^:]+:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/;

/**
 * The foundation-model id CountTokens needs: `us.anthropic.x` → `anthropic.x`, a foundation-model or
 * system inference-profile ARN → its model id; undefined for application inference profiles and
 * anything else it cannot know.
 */
export function baseModelIdForCountTokens(bedrockModelId: string): string | undefined {
  const arn = modelArnPattern.exec(bedrockModelId);
  const id = arn === null ? bedrockModelId : (arn[2] ?? '');
  if (arn === null && bedrockModelId.startsWith('arn:')) return undefined;
  if (!bedrockIdPattern.test(id)) return undefined;
  return id.replace(geoPrefixPattern, '');
}
