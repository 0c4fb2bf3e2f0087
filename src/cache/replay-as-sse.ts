import type { AnthropicStreamEvent, Message, ResponseContentBlock } from '../anthropic/types.js';

/**
 * A cached Message as a complete Anthropic event stream (message_start with zero output usage,
 * each block start/deltas/stop — text as text_delta, tool_use input as one input_json_delta,
 * thinking as thinking_delta + signature_delta, redacted_thinking in its start —, message_delta
 * with the full usage, message_stop) that the SDK's MessageStream accumulates into the same Message.
 * Fields a block carries beyond the ones streamed (a tool_use's `caller`) travel in its start.
 */
export function replayAsSse(message: Message): AnthropicStreamEvent[] {
  const { usage } = message;
  const events: AnthropicStreamEvent[] = [
    {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 0 } },
    },
  ];
  message.content.forEach((block, index) => events.push(...replayBlock(block, index)));
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence, stop_details: null, container: null },
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        server_tool_use: null,
        output_tokens_details: null,
      },
    },
    { type: 'message_stop' },
  );
  return events;
}

function replayBlock(block: ResponseContentBlock, index: number): AnthropicStreamEvent[] {
  const stop: AnthropicStreamEvent = { type: 'content_block_stop', index };
  switch (block.type) {
    case 'text': {
      const events: AnthropicStreamEvent[] = [
        // Citations arrive as deltas; a block without the field (InvokeModel passes Bedrock's through) stays without it.
        { type: 'content_block_start', index, content_block: { ...block, text: '', ...(block.citations === undefined ? {} : { citations: block.citations === null ? null : [] }) } },
      ];
      for (const citation of block.citations ?? []) events.push({ type: 'content_block_delta', index, delta: { type: 'citations_delta', citation } });
      if (block.text.length > 0) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
      return [...events, stop];
    }
    case 'tool_use':
      return [
        { type: 'content_block_start', index, content_block: { ...block, input: {} } },
        { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input ?? {}) } },
        stop,
      ];
    case 'thinking':
      return [
        { type: 'content_block_start', index, content_block: { ...block, thinking: '', signature: '' } },
        ...(block.thinking.length > 0 ? [{ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } } as const] : []),
        { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } },
        stop,
      ];
    case 'redacted_thinking':
      return [{ type: 'content_block_start', index, content_block: block }, stop];
    default: {
      const unexpected: never = block;
      // A block type newer than this proxy (passed through from InvokeModel) arrives whole in its start.
      return [{ type: 'content_block_start', index, content_block: unexpected }, stop];
    }
  }
}
