/**
 * Histogram buckets in seconds for an LLM proxy: answers take from a few milliseconds (errors,
 * cache hits) to minutes (long generations), so the buckets grow roughly ×2–2.5 up to the
 * longest answer a client waits for.
 */
export const requestDurationBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];

/** Time to the first token: from a cached prefix (tens of ms) to a slow, queued model (a minute). */
export const timeToFirstTokenBuckets: readonly number[] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60];
