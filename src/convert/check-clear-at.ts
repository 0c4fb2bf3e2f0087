import type { RequestMessage } from '../anthropic/request-schema.js';
import { unsupportedField } from '../errors.js';
import type { Path } from './conversion-context.js';

/** A system message that clears itself at the next user message has no Bedrock equivalent; "never" is the default. */
export function checkClearAt(message: RequestMessage, path: Path): void {
  if (message.role === 'system' && message.clear_at === 'next_user_message') {
    throw unsupportedField([...path, 'clear_at'], 'clear_at "next_user_message" is not supported through Bedrock');
  }
}
