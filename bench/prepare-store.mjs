import { openBenchStore } from './open-bench-store.mjs';
import { converseModel, converseModelTarget } from './request-bodies.mjs';

/** Far above anything a run can reach, so rate limiting runs on every request and never refuses one. */
const unreachableLimit = 1_000_000_000;

/**
 * Seeds a fresh data directory before the proxy starts: one API key with limits that cannot
 * trigger, and a mapping that sends `bench-converse` through Converse (the default model id stays
 * on InvokeModel), so both Bedrock APIs are exercised by model id.
 * @param {string} dataDir
 * @returns {Promise<{ apiKey: string, keyId: string }>}
 */
export async function prepareStore(dataDir) {
  const store = await openBenchStore(dataDir);
  try {
    const issued = await store.apiKeys.create({
      name: 'bench',
      userId: 'bench',
      rateLimit: unreachableLimit,
      tokensPerMinute: unreachableLimit,
      inputTokensPerMinute: unreachableLimit,
      outputTokensPerMinute: unreachableLimit,
    });
    await store.modelMappings.put({
      anthropicModelId: converseModel,
      bedrockModelId: converseModelTarget,
      api: 'converse',
      displayName: 'Benchmark (Converse)',
    });
    return { apiKey: issued.key, keyId: issued.record.id };
  } finally {
    await store.close();
  }
}
