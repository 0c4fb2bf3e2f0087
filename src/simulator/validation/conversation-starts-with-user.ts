import type { ValidationInput } from './validation-types.js';

export function conversationStartsWithUser({ body }: ValidationInput): string | undefined {
  const first = body.messages?.[0];
  if (first?.role === 'user') return undefined;
  return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
}
