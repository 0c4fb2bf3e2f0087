import { ProxyError } from '../errors.js';

/** Open streams per API key, up to MAX_STREAMS_PER_KEY; `take` returns the function that gives the slot back. */
export function createStreamSlots(maxPerKey: number): { take(keyId: string): () => void } {
  const open = new Map<string, number>();
  return {
    take(keyId) {
      const count = open.get(keyId) ?? 0;
      if (count >= maxPerKey) {
        throw new ProxyError('TOO_MANY_STREAMS', `This API key already has ${count} streams open, its maximum; wait for one to finish`, { retryAfterSeconds: 1 });
      }
      open.set(keyId, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const remaining = (open.get(keyId) ?? 1) - 1;
        if (remaining <= 0) open.delete(keyId);
        else open.set(keyId, remaining);
      };
    },
  };
}
