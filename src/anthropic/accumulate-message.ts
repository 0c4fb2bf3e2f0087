import type { AnthropicStreamEvent, Message, ResponseContentBlock } from './types.js';

export interface MessageAccumulator {
  push(events: ReadonlyArray<AnthropicStreamEvent>): void;
  /** The whole Message once `message_stop` arrived; undefined for a stream that failed or is not over. */
  result(): Message | undefined;
}

/**
 * Builds the Message an Anthropic event stream describes, as the SDKs' MessageStream does: blocks
 * from their start events, text, thinking and signatures appended, tool input parsed from its JSON
 * pieces when the block stops, usage from `message_delta`. An `error` event, an event out of order
 * or tool JSON that does not parse spoils the result rather than producing a wrong Message.
 */
export function createMessageAccumulator(): MessageAccumulator {
  let message: Message | undefined;
  let spoiled = false;
  let complete = false;
  const toolJson = new Map<number, string>();

  function block(index: number): ResponseContentBlock | undefined {
    const found = message?.content[index];
    if (found === undefined) spoiled = true;
    return found;
  }

  function apply(event: AnthropicStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        message = { ...event.message, content: [], usage: { ...event.message.usage } };
        return;
      case 'content_block_start':
        if (message === undefined || event.index !== message.content.length) spoiled = true;
        else message.content.push(structuredClone(event.content_block));
        return;
      case 'content_block_delta': {
        const target = block(event.index);
        const delta = event.delta;
        if (target === undefined) return;
        if (delta.type === 'text_delta' && target.type === 'text') target.text += delta.text;
        else if (delta.type === 'citations_delta' && target.type === 'text') target.citations = [...(target.citations ?? []), delta.citation];
        else if (delta.type === 'input_json_delta' && target.type === 'tool_use') toolJson.set(event.index, (toolJson.get(event.index) ?? '') + delta.partial_json);
        else if (delta.type === 'thinking_delta' && target.type === 'thinking') target.thinking += delta.thinking;
        else if (delta.type === 'signature_delta' && target.type === 'thinking') target.signature += delta.signature;
        else spoiled = true;
        return;
      }
      case 'content_block_stop': {
        const target = block(event.index);
        const json = toolJson.get(event.index);
        if (target?.type === 'tool_use' && json !== undefined) {
          try {
            target.input = json === '' ? {} : (JSON.parse(json) as unknown);
          } catch {
            spoiled = true;
          }
        }
        return;
      }
      case 'message_delta':
        if (message === undefined) {
          spoiled = true;
          return;
        }
        message.stop_reason = event.delta.stop_reason;
        message.stop_sequence = event.delta.stop_sequence;
        message.usage = {
          ...message.usage,
          input_tokens: event.usage.input_tokens ?? message.usage.input_tokens,
          output_tokens: event.usage.output_tokens,
          cache_creation_input_tokens: event.usage.cache_creation_input_tokens ?? message.usage.cache_creation_input_tokens,
          cache_read_input_tokens: event.usage.cache_read_input_tokens ?? message.usage.cache_read_input_tokens,
        };
        return;
      case 'message_stop':
        complete = message !== undefined;
        return;
      case 'error':
        spoiled = true;
        return;
      case 'ping':
        return;
      default: {
        const unexpected: never = event;
        void unexpected;
        spoiled = true;
      }
    }
  }

  return {
    push(events) {
      for (const event of events) apply(event);
    },
    result: () => (complete && !spoiled ? message : undefined),
  };
}
