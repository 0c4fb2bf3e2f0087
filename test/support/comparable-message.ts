/**
 * A message reduced to what a streamed and a non-streamed answer to the same script must share.
 * Left out: ids Bedrock makes per call (the message id, tool-use ids), the `parsed_output` the SDK
 * adds to streamed messages, and `usage.cache_creation`, which a stream cannot know at
 * `message_start` (Bedrock reports usage at the end and `message_delta` has no field for it).
 */
export function comparableMessage<Message extends { usage: object; content: ReadonlyArray<object> }>(message: Message): unknown {
  const { id: _id, parsed_output: _parsed, ...rest } = message as Message & { id?: unknown; parsed_output?: unknown };
  return {
    ...rest,
    content: message.content.map((block) => ('type' in block && block.type === 'tool_use' ? { ...block, id: 'tool-use-id' } : block)),
    usage: { ...message.usage, cache_creation: null },
  };
}
