import type {
  ContentBlock,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ContentBlockStopEvent,
  ConverseRequest,
  ConverseResponse,
  ConverseStreamMetadataEvent,
  ConverseStreamRequest,
  Message,
  MessageStartEvent,
  MessageStopEvent,
  SystemContentBlock,
  Tool,
} from '@aws-sdk/client-bedrock-runtime';
import type { GuardrailSettings } from './guardrail-settings.js';

export type { GuardrailSettings, GuardrailTrace } from './guardrail-settings.js';

/**
 * The JSON wire form of an AWS SDK shape: blobs (`Uint8Array` in the SDK) travel as base64 strings.
 * We build and read wire JSON directly, so an Anthropic base64 payload is passed on without decoding.
 */
export type Wire<T> = T extends Uint8Array
  ? string
  : T extends readonly (infer Item)[]
    ? Wire<Item>[]
    : T extends object
      ? { [Key in keyof T]: Wire<T[Key]> }
      : T;

/** The body of POST /model/{modelId}/converse (the model id travels in the path). */
export type ConverseRequestBody = Wire<Omit<ConverseRequest, 'modelId'>>;
/** The body of POST /model/{modelId}/converse-stream. */
export type ConverseStreamRequestBody = Wire<Omit<ConverseStreamRequest, 'modelId'>>;
export type ConverseResponseBody = Wire<ConverseResponse>;
export type ConverseContentBlock = Wire<ContentBlock>;
export type ConverseMessage = Wire<Message>;
export type ConverseSystemBlock = Wire<SystemContentBlock>;
export type ConverseTool = Wire<Tool>;

/** One data event of a ConverseStream response; in-stream exceptions are thrown, not yielded. */
export type ConverseStreamEvent =
  | { messageStart: Wire<MessageStartEvent> }
  | { contentBlockStart: Wire<ContentBlockStartEvent> }
  | { contentBlockDelta: Wire<ContentBlockDeltaEvent> }
  | { contentBlockStop: Wire<ContentBlockStopEvent> }
  | { messageStop: Wire<MessageStopEvent> }
  | { metadata: Wire<ConverseStreamMetadataEvent> };

export interface ConverseCall {
  /** Bedrock model id, inference-profile id or ARN (percent-encoded by the transport). */
  modelId: string;
  body: ConverseRequestBody;
  /** Aborts the HTTP call (client went away, shutdown). */
  signal?: AbortSignal;
}

export interface ConverseResult {
  /** `x-amzn-requestid` of the Bedrock response. */
  requestId: string;
  output: ConverseResponseBody;
}

export interface ConverseStreamResult {
  requestId: string;
  /**
   * Decoded events in order, in batches: the events of one network read together. The iterator
   * throws a ProxyError for an in-stream exception frame, a frame that fails its CRC, or a
   * connection that ends mid-frame. Breaking out of the loop (or the call's signal aborting)
   * releases the connection.
   */
  eventBatches: AsyncIterable<ConverseStreamEvent[]>;
}

export interface InvokeCall {
  /** Bedrock model id, inference-profile id or ARN (percent-encoded by the transport). */
  modelId: string;
  /** The native Anthropic body: the Messages request minus `model` and `stream`, plus `anthropic_version` (and `anthropic_beta`). */
  body: Record<string, unknown>;
  /** Sent as the X-Amzn-Bedrock-Guardrail* and X-Amzn-Bedrock-Trace headers (InvokeModel has no body field for it). */
  guardrail?: GuardrailSettings;
  signal?: AbortSignal;
}

export interface InvokeResult {
  requestId: string;
  /** The parsed response body: an Anthropic `Message` as Bedrock returns it. */
  output: Record<string, unknown>;
}

export interface InvokeStreamResult {
  requestId: string;
  /**
   * Each `chunk` frame's bytes, parsed: one Anthropic stream event (`message_start` … `message_stop`)
   * as Bedrock sends it, batched per network read. Exceptions, bad CRCs and truncation are thrown as
   * ProxyErrors, as for ConverseStream.
   */
  eventBatches: AsyncIterable<Array<Record<string, unknown>>>;
}

/** CountTokens input: what a Converse call would carry, or a native InvokeModel body. */
export type CountTokensInput =
  | { converse: Pick<ConverseRequestBody, 'messages' | 'system' | 'toolConfig' | 'additionalModelRequestFields'> }
  | { invokeModel: { body: Record<string, unknown> } };

export interface CountTokensCall {
  /** A base foundation-model id (CountTokens refuses inference profiles). */
  modelId: string;
  input: CountTokensInput;
  signal?: AbortSignal;
}

export interface CountTokensResult {
  requestId: string;
  inputTokens: number;
}

/**
 * The only way the rest of the proxy talks to Bedrock. Errors are ProxyErrors mapped per the
 * Bedrock exception table; no retries happen here.
 */
export interface BedrockRuntime {
  converse(call: ConverseCall): Promise<ConverseResult>;
  converseStream(call: ConverseCall): Promise<ConverseStreamResult>;
  invoke(call: InvokeCall): Promise<InvokeResult>;
  invokeStream(call: InvokeCall): Promise<InvokeStreamResult>;
  countTokens(call: CountTokensCall): Promise<CountTokensResult>;
  close(): Promise<void>;
}
