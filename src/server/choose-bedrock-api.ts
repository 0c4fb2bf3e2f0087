import type { BedrockApi } from '../store/types.js';
import type { ResolvedModel } from './create-model-resolver.js';

/**
 * Which Bedrock API answers a model: non-Claude models always Converse (InvokeModel's body is
 * Claude's own); for Claude, a stored mapping's `api`, else the configured CLAUDE_API.
 */
export function chooseBedrockApi(resolved: ResolvedModel, options: { claudeApi: BedrockApi; anthropicModel: boolean }): BedrockApi {
  if (!options.anthropicModel) return 'converse';
  return resolved.api === 'auto' ? options.claudeApi : resolved.api;
}
