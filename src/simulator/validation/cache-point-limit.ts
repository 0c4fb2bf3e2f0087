import type { ConverseRequestBody } from '../../bedrock/types.js';
import type { ValidationInput } from './validation-types.js';

const maximumCachePoints = 4;

export function cachePointLimit({ body }: ValidationInput): string | undefined {
  const count = countCachePoints(body);
  if (count <= maximumCachePoints) return undefined;
  return `The model returned the following errors: A maximum of ${maximumCachePoints} blocks with cache_control may be provided. Found ${count}.`;
}

export function countCachePoints(body: ConverseRequestBody): number {
  let count = 0;
  for (const tool of body.toolConfig?.tools ?? []) if (tool.cachePoint !== undefined) count += 1;
  for (const block of body.system ?? []) if (block.cachePoint !== undefined) count += 1;
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) if (block.cachePoint !== undefined) count += 1;
  }
  return count;
}
