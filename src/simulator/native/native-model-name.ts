/**
 * The `model` Bedrock reports in a Claude message: the Anthropic model name, without an ARN's path,
 * a geo prefix (`us.`, `global.`…), the `anthropic.` provider and the `-v1:0` version suffix
 * (`us.anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5-20250929`).
 */
export function nativeModelName(modelId: string): string {
  const lastSegment = modelId.slice(modelId.lastIndexOf('/') + 1);
  const providerAt = lastSegment.indexOf('anthropic.');
  const name = providerAt === -1 ? lastSegment : lastSegment.slice(providerAt + 'anthropic.'.length);
  return name.replace(/-v\d+(:\d+)?$/, '');
}
