/**
 * The Anthropic Messages shapes Bedrock's InvokeModel speaks for Claude: what the simulator sends
 * back. Requests are read as `unknown` and checked field by field (see `validate-invoke-body.ts`).
 */

export type NativeStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'model_context_window_exceeded';

export type NativeCitation =
  | { type: 'char_location'; cited_text: string; document_index: number; document_title: string; start_char_index: number; end_char_index: number }
  | { type: 'page_location'; cited_text: string; document_index: number; document_title: string; start_page_number: number; end_page_number: number }
  | {
      type: 'content_block_location';
      cited_text: string;
      document_index: number;
      document_title: string;
      start_block_index: number;
      end_block_index: number;
    };

export type NativeContentBlock =
  | { type: 'text'; text: string; citations?: NativeCitation[] }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

export interface NativeUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  /** Only when the script gives `cacheDetails`: its tokens summed per TTL. */
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

/** The InvokeModel response body. */
export interface NativeMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  /** The model name without provider, geo prefix and version suffix (`claude-sonnet-4-5-20250929`). */
  model: string;
  content: NativeContentBlock[];
  stop_reason: NativeStopReason | null;
  stop_sequence: string | null;
  usage: NativeUsage;
  /** Only when the request applied a guardrail (InvokeModel's headers). */
  'amazon-bedrock-guardrailAction'?: 'INTERVENED' | 'NONE';
}

export type NativeDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: NativeCitation };

export interface InvocationMetrics {
  inputTokenCount: number;
  outputTokenCount: number;
  invocationLatency: number;
  firstByteLatency: number;
}

/** One Anthropic stream event as Bedrock puts it (base64) into a `chunk` frame. */
export type NativeStreamEvent =
  | { type: 'message_start'; message: NativeMessage }
  | { type: 'content_block_start'; index: number; content_block: NativeContentBlock }
  | { type: 'content_block_delta'; index: number; delta: NativeDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: NativeStopReason; stop_sequence: string | null };
      /** Only `output_tokens`, as Bedrock sends it. */
      usage: { output_tokens: number };
    }
  | { type: 'message_stop'; 'amazon-bedrock-invocationMetrics': InvocationMetrics };
