import type { MessagesRequest } from '../anthropic/request-schema.js';
import { invalidField } from '../errors.js';
import { findCacheControlPaths } from './find-cache-controls.js';

const maximumCacheControls = 4;

/** Anthropic and Bedrock both allow at most four cache breakpoints per request. */
export function checkCacheControlLimit(request: MessagesRequest): void {
  const cacheControlCount = findCacheControlPaths(request).length;
  if (cacheControlCount > maximumCacheControls) {
    throw invalidField([], `A maximum of ${maximumCacheControls} blocks with cache_control may be provided. Found ${cacheControlCount}.`);
  }
}
