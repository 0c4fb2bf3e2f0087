import type { NativeRequestBody } from '../../native/native-request.js';

/** Only a final assistant message (a prefill) may be empty. */
export function contentNotEmpty(body: NativeRequestBody): string | undefined {
  const last = body.messages.length - 1;
  const index = body.messages.findIndex(
    (message, position) => message.content.length === 0 && !(position === last && message.role === 'assistant'),
  );
  return index === -1 ? undefined : `messages.${index}: all messages must have non-empty content except for the optional final assistant message`;
}
