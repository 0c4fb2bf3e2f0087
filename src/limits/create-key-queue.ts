export type KeyQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/**
 * Runs tasks of the same key one after another (tasks of different keys run freely), so that one
 * process asks DynamoDB for a key's lease once rather than once per concurrent request. A key's
 * entry is removed as soon as its queue is empty.
 */
export function createKeyQueue(): KeyQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
