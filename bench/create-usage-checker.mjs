import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} UsageCheck
 * @property {number} expected
 * @property {number} actual
 * @property {boolean} matches
 */

/**
 * @typedef {object} UsageCheckerOptions
 * @property {{ client: import('@aws-sdk/client-dynamodb').DynamoDBClient, tables: { usage: string } }} store  Connected to the running proxy's engine.
 * @property {string} keyId
 * @property {number} [pollIntervalMs]  Default 500.
 * @property {number} [stablePolls]  Unchanged polls that mean the writer has flushed; default 3.
 * @property {number} [maxMs]  Default 30 000.
 */

/** Pages of at most 1 MB each; far more than any run writes. */
const maxPages = 10_000;

/**
 * Counts the usage records a run left: the key's records from the run's start until now, polled
 * until the count reaches the expected number or stops changing (the writer batches in the
 * background), bounded in time.
 *
 * The embedded engine runs inside the proxy process, so reading the records costs the proxy
 * memory; a COUNT query (`key_id` and the `timestamp` sort key, `<ISO time>#<request id>`, as the
 * usage table defines them) makes the engine return numbers, not tens of thousands of items.
 * @param {UsageCheckerOptions} options
 */
export function createUsageChecker(options) {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const stablePolls = options.stablePolls ?? 3;
  const maxMs = options.maxMs ?? 30_000;
  const count = async (/** @type {Date} */ since) => {
    const until = new Date().toISOString();
    let total = 0;
    /** @type {Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined} */
    let startKey;
    for (let page = 0; page < maxPages; page += 1) {
      const answer = await options.store.client.send(
        new QueryCommand({
          TableName: options.store.tables.usage,
          Select: 'COUNT',
          KeyConditionExpression: 'key_id = :key AND #sort BETWEEN :since AND :until',
          ExpressionAttributeNames: { '#sort': 'timestamp' },
          ExpressionAttributeValues: { ':key': { S: options.keyId }, ':since': { S: since.toISOString() }, ':until': { S: until } },
          ExclusiveStartKey: startKey,
        }),
      );
      total += answer.Count ?? 0;
      startKey = answer.LastEvaluatedKey;
      if (startKey === undefined) return total;
    }
    throw new Error(`usage count: more than ${maxPages} pages`);
  };
  return {
    /**
     * @param {{ since: Date, expected: number }} window
     * @returns {Promise<UsageCheck>}
     */
    async check(window) {
      const deadline = performance.now() + maxMs;
      let actual = await count(window.since);
      let unchanged = 0;
      while (actual !== window.expected && unchanged < stablePolls && performance.now() < deadline) {
        await sleep(pollIntervalMs);
        const next = await count(window.since);
        unchanged = next === actual ? unchanged + 1 : 0;
        actual = next;
      }
      return { expected: window.expected, actual, matches: actual === window.expected };
    },
  };
}
