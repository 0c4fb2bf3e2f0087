import type { NativeRequestBody } from '../../native/native-request.js';

export function toolsRequired(body: NativeRequestBody): string | undefined {
  if ((body.tools ?? []).length > 0) return undefined;
  const usesTools = body.messages.some(
    (message) => typeof message.content !== 'string' && message.content.some((block) => block.type === 'tool_use' || block.type === 'tool_result'),
  );
  return usesTools ? 'Requests which include `tool_use` or `tool_result` blocks must define tools.' : undefined;
}
