/** Counts scripted failures per `failFirst.id`, so an error can be answered only the first N times. */
export interface FailureCounter {
  /** Counts this request; true while the id has been seen at most `times` times. */
  shouldFail(rule: { times: number; id: string }): boolean;
}

/** Remembers at most `limit` ids; the least recently counted are forgotten first. */
export function createFailureCounter(limit: number): FailureCounter {
  const counts = new Map<string, number>();
  return {
    shouldFail({ times, id }) {
      const count = (counts.get(id) ?? 0) + 1;
      counts.delete(id);
      counts.set(id, count);
      if (counts.size > limit) {
        const oldest = counts.keys().next().value;
        if (oldest !== undefined) counts.delete(oldest);
      }
      return count <= times;
    },
  };
}
