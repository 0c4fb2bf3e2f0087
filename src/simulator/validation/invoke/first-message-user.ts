import type { NativeRequestBody } from '../../native/native-request.js';

export function firstMessageUser(body: NativeRequestBody): string | undefined {
  return body.messages[0]?.role === 'user' ? undefined : 'messages: first message must use the "user" role';
}
