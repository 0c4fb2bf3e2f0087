/**
 * How a test, a demo or a benchmark tells the Bedrock simulator what to answer.
 *
 * A script travels inside the request itself, so it survives any proxy in between: the last user
 * message holds a text block that starts with SCRIPT_MARKER followed by either a preset name
 * (`MOCK_BEDROCK: tool_use`) or a JSON MockScript (`MOCK_BEDROCK: {"content":[{"text":"hi"}]}`).
 * Without a directive the simulator answers with a short deterministic echo of the last user text.
 */
export const SCRIPT_MARKER = 'MOCK_BEDROCK:';

export interface MockCitation {
  /** The cited text (Bedrock `sourceContent[].text`). */
  citedText: string;
  /** Defaults to 0. */
  documentIndex?: number;
  /** Which location member Bedrock reports; defaults to `documentChar`. */
  location?: 'documentChar' | 'documentPage' | 'documentChunk';
  start?: number;
  end?: number;
  /** Defaults to the document name of the request's first document. */
  title?: string;
}

export type MockBlock =
  /** A text block; with citations it becomes a `citationsContent` block (stream: citation deltas). */
  | { text: string; citations?: MockCitation[] }
  /** A tool call; the id is generated (`tooluse_…`) when absent; input defaults to {}. */
  | { toolUse: { name: string; input?: unknown; toolUseId?: string } }
  /** Reasoning text with a signature (generated when absent). */
  | { reasoning: string; signature?: string }
  /** Redacted reasoning: base64 of opaque bytes. */
  | { redactedReasoning: string };

export type BedrockStopReason =
  | 'end_turn'
  | 'tool_use'
  | 'max_tokens'
  | 'stop_sequence'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'malformed_model_output'
  | 'malformed_tool_use'
  | 'model_context_window_exceeded';

/** Error names as Bedrock sends them in `x-amzn-errortype`. */
export type BedrockErrorName =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ThrottlingException'
  | 'ServiceQuotaExceededException'
  | 'ModelTimeoutException'
  | 'ModelNotReadyException'
  | 'ModelErrorException'
  | 'ServiceUnavailableException'
  | 'InternalServerException';

/** Exception members of the ConverseStream union, as sent in `:exception-type`. */
export type BedrockStreamExceptionName =
  | 'internalServerException'
  | 'modelStreamErrorException'
  | 'validationException'
  | 'throttlingException'
  | 'serviceUnavailableException';

export interface MockUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  cacheDetails?: Array<{ ttl: '5m' | '1h'; inputTokens: number }>;
}

export interface MockScript {
  /** The answer's content blocks, in order. Default: one text block echoing the last user text. */
  content?: MockBlock[];
  /**
   * Default: `tool_use` when content has a toolUse, `stop_sequence` when a request stop sequence
   * occurs in the text (the text is cut before it), `max_tokens` when the answer is longer than
   * `maxTokens` allows (cut), otherwise `end_turn`.
   */
  stopReason?: BedrockStopReason;
  /** The matched sequence reported when stopReason is `stop_sequence`. */
  stopSequence?: string;
  /** Overrides the computed usage (estimates of about 4 characters a token). */
  usage?: MockUsage;
  /** Delay before the response; on a stream, before its status and headers (the first byte). */
  latencyMs?: number;
  /** Delay between stream events. */
  eventDelayMs?: number;
  /** Answer with this HTTP error instead of a response. */
  error?: { name: BedrockErrorName; message?: string; status?: number };
  /** ConverseStream only: after `afterEvents` data events (default 1), send this exception frame. */
  streamException?: { name: BedrockStreamExceptionName; message?: string; afterEvents?: number };
  /** ConverseStream only: split each text delta into pieces of this many characters (default 8). */
  deltaSize?: number;
  /**
   * With `error`: the error answers only the first `times` requests carrying this `id` (counted by
   * this simulator, which remembers the 10 000 most recent ids); later ones get the normal answer,
   * so a retrying client can be shown to recover.
   */
  failFirst?: { times: number; id: string };
  /*
   * Stream faults (ConverseStream and InvokeModelWithResponseStream; other operations ignore them).
   * "Data events" count every event frame, the first (`messageStart`, `message_start`) included. A
   * script has at most one of streamException, stallAfterEvents, resetAfterEvents, corruptFrameAfterEvents.
   */
  /** After this many data events, send nothing more and never end, until the client leaves or the simulator closes. */
  stallAfterEvents?: number;
  /** After this many data events, destroy the connection abruptly (HTTP/1.1: a TCP reset; HTTP/2: RST_STREAM). */
  resetAfterEvents?: number;
  /** After this many data events, send one frame whose message CRC is wrong, then end the response. */
  corruptFrameAfterEvents?: number;
  /** Send the status and headers at once (after `latencyMs`), then wait this long before the first event. */
  headersThenStallMs?: number;
  /**
   * `intervene`: the request's guardrail blocks the answer. The content is Bedrock's canned
   * message (`Sorry, the model cannot answer this question.`) with stop reason `guardrail_intervened`
   * on Converse and ConverseStream, and `end_turn` on InvokeModel (whose whole answer also says
   * `"amazon-bedrock-guardrailAction": "INTERVENED"`). The request must apply a guardrail
   * (`guardrailConfig`, or the X-Amzn-Bedrock-Guardrail* headers), otherwise it is refused with a
   * 400; a script with `guardrail` has no `content`. CountTokens ignores it.
   */
  guardrail?: 'intervene';
}
