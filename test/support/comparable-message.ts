/**
 * A message reduced to what a streamed and a non-streamed answer must share: the id differs per
 * call, the SDK adds `parsed_output` to streamed messages, and `usage.cache_creation` cannot be
 * known at `message_start` (Bedrock reports usage at the end and `message_delta` has no field for it).
 */
export function comparableMessage<Message extends { usage: object }>(message: Message): unknown {
  const { id: _id, parsed_output: _parsed, ...rest } = message as Message & { id?: unknown; parsed_output?: unknown };
  return { ...rest, usage: { ...message.usage, cache_creation: null } };
}
