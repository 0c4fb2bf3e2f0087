import type { ValidationInput } from './validation-types.js';

/** An assistant message made only of cache points has nothing to cache. */
export function cachePointNotAlone({ body }: ValidationInput): string | undefined {
  const alone = (body.messages ?? []).some(
    (message) =>
      message.role === 'assistant' &&
      (message.content ?? []).length > 0 &&
      (message.content ?? []).every((block) => block.cachePoint !== undefined),
  );
  return alone ? 'There is nothing available to cache. Please remove the invalid cache point and try again.' : undefined;
}
