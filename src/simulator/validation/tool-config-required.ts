import type { ValidationInput } from './validation-types.js';

export function toolConfigRequired({ body }: ValidationInput): string | undefined {
  if (body.toolConfig !== undefined) return undefined;
  const usesTools = (body.messages ?? []).some((message) =>
    (message.content ?? []).some((block) => block.toolUse !== undefined || block.toolResult !== undefined),
  );
  return usesTools ? 'The toolConfig field must be defined when using toolUse and toolResult content blocks.' : undefined;
}
