import type { MessagesRequest } from '../anthropic/request-schema.js';

type Effort = NonNullable<NonNullable<MessagesRequest['output_config']>['effort']>;

/**
 * A `system` message inside `messages` may carry its own output_config: the last one governs this
 * turn and overrides the top-level effort; earlier ones governed earlier turns.
 */
export function effectiveEffort(request: MessagesRequest): Effort | undefined {
  const lastSystemMessage = request.messages.findLast((message) => message.role === 'system');
  const turnEffort = lastSystemMessage?.role === 'system' ? lastSystemMessage.output_config?.effort : undefined;
  return turnEffort ?? request.output_config?.effort ?? undefined;
}
