import type { NativeRequestBody } from '../../native/native-request.js';
import { walkNativeBlocks } from './walk-native-blocks.js';

const maximumBlocks = 4;

/** At most four blocks (tools, system, messages and tool-result content together) carry `cache_control`. */
export function cacheControlLimit(body: NativeRequestBody): string | undefined {
  const count = walkNativeBlocks(body).filter(({ block }) => block['cache_control'] !== undefined && block['cache_control'] !== null).length;
  return count <= maximumBlocks ? undefined : `A maximum of ${maximumBlocks} blocks with cache_control may be provided. Found ${count}.`;
}
