/** A native InvokeModel body after `validateInvokeBody`: the members the simulator reads, the rest unknown. */
export interface NativeRequestBody {
  anthropic_version: string;
  max_tokens: number;
  messages: NativeRequestMessage[];
  system?: string | NativeRequestBlock[];
  stop_sequences?: string[];
  tools?: NativeRequestBlock[];
  [key: string]: unknown;
}

export interface NativeRequestMessage {
  role: 'user' | 'assistant';
  content: string | NativeRequestBlock[];
}

/** A content block, system block or tool definition: a JSON object whose `type` (when present) is a string. */
export type NativeRequestBlock = Record<string, unknown> & { type?: string };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A block's list of content blocks, whether given as a string or as blocks. */
export function contentBlocks(content: unknown): NativeRequestBlock[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}
