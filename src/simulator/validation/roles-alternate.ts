import type { ValidationInput } from './validation-types.js';

export function rolesAlternate({ body }: ValidationInput): string | undefined {
  const messages = body.messages ?? [];
  for (let index = 1; index < messages.length; index += 1) {
    if (messages[index]?.role === messages[index - 1]?.role) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
  }
  return undefined;
}
