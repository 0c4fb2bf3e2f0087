import type { ValidationInput } from './validation-types.js';

export function messageContentNotEmpty({ body }: ValidationInput): string | undefined {
  const index = (body.messages ?? []).findIndex((message) => (message.content ?? []).length === 0);
  if (index === -1) return undefined;
  return `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`;
}
