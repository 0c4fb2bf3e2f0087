/** A step of request handling: does its part, then (usually) hands over to the next one. */
export type Stage<Context> = (context: Context, next: () => Promise<void>) => Promise<void>;

/** Joins stages into one handler; calling `next()` twice in one stage is a programming error. */
export function compose<Context>(stages: ReadonlyArray<Stage<Context>>): (context: Context) => Promise<void> {
  return (context) => {
    let lastIndex = -1;
    const dispatch = (index: number): Promise<void> => {
      if (index <= lastIndex) return Promise.reject(new Error('next() called more than once'));
      lastIndex = index;
      const stage = stages[index];
      return stage === undefined ? Promise.resolve() : stage(context, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}
