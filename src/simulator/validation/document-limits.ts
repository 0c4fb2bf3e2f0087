import type { ValidationInput } from './validation-types.js';

const maximumDocuments = 5;

/** At most five documents in a request, with distinct names. */
export function documentLimits({ body }: ValidationInput): string | undefined {
  const names = new Set<string>();
  let count = 0;
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      const name = block.document?.name;
      if (name === undefined) continue;
      if (names.has(name)) return "Messages can't contain duplicate document names.";
      names.add(name);
      count += 1;
    }
  }
  return count > maximumDocuments ? `You can't include more than ${maximumDocuments} documents in a request.` : undefined;
}
