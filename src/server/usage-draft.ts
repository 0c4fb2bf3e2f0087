import type { AnthropicStreamEvent, Usage } from '../anthropic/types.js';
import type { BedrockApi, UsageRecord } from '../store/types.js';

/** What the request path learns about a request's usage while it runs; turned into one UsageRecord at the end. */
export interface UsageDraft {
  model?: string;
  bedrockModelId?: string;
  api?: BedrockApi;
  stream: boolean;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheWriteInputTokens: number;
  /** Bedrock reported usage (a non-streamed answer, or a stream's `message_delta`). */
  usageReported: boolean;
  /** The Bedrock stream began: tokens were spent even if usage never arrives. */
  streamStarted: boolean;
  /** `performance.now()` when the first content delta was sent. */
  firstTokenAt?: number;
  /** Characters of text, JSON and thinking sent so far, for an estimate when usage never arrives. */
  streamedCharacters: number;
  /** Input size in characters, for the same estimate; measured only when needed. */
  measureInput?: () => number;
  errorType?: string;
  /** Answered from the response cache. */
  cacheHit?: boolean;
}

export function createUsageDraft(): UsageDraft {
  return {
    stream: false,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadInputTokens: 0,
    cacheWriteInputTokens: 0,
    usageReported: false,
    streamStarted: false,
    streamedCharacters: 0,
  };
}

export function recordReportedUsage(draft: UsageDraft, usage: Pick<Usage, 'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'>): void {
  draft.inputTokens = usage.input_tokens;
  draft.outputTokens = usage.output_tokens;
  draft.cacheReadInputTokens = usage.cache_read_input_tokens ?? 0;
  draft.cacheWriteInputTokens = usage.cache_creation_input_tokens ?? 0;
  draft.usageReported = true;
}

/** Notes the first token and the usage a stream reports, as its events go out. */
export function observeStreamEvents(draft: UsageDraft, events: ReadonlyArray<AnthropicStreamEvent>): void {
  for (const event of events) {
    if (event.type === 'content_block_delta') {
      draft.firstTokenAt ??= performance.now();
      const delta = event.delta;
      switch (delta.type) {
        case 'text_delta':
          draft.streamedCharacters += delta.text.length;
          break;
        case 'input_json_delta':
          draft.streamedCharacters += delta.partial_json.length;
          break;
        case 'thinking_delta':
          draft.streamedCharacters += delta.thinking.length;
          break;
        default:
          break;
      }
    } else if (event.type === 'message_delta') {
      const usage = event.usage;
      recordReportedUsage(draft, {
        input_tokens: usage.input_tokens ?? 0,
        output_tokens: usage.output_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens ?? 0,
        cache_creation_input_tokens: usage.cache_creation_input_tokens ?? 0,
      });
    }
  }
}

export interface UsageOutcome {
  keyId: string;
  requestId: string;
  /** When the request arrived. */
  receivedAt: Date;
  /** `performance.now()` at arrival and at the end. */
  startedAt: number;
  endedAt: number;
  status: number;
  clientGone: boolean;
  userAgent: string | undefined;
  claudeCodeSessionId: string | undefined;
}

/**
 * The uncached input and output tokens a request spent: what Bedrock reported, or, for a stream that
 * spent tokens without reporting them (the client left), an estimate at about 4 characters a token.
 */
export function tokensSpent(draft: UsageDraft): { inputTokens: number; outputTokens: number; estimated: boolean } {
  const estimated = draft.stream && draft.streamStarted && !draft.usageReported;
  if (!estimated) return { inputTokens: draft.inputTokens, outputTokens: draft.outputTokens, estimated };
  return { inputTokens: Math.ceil((draft.measureInput?.() ?? 0) / 4), outputTokens: Math.ceil(draft.streamedCharacters / 4), estimated };
}

export function toUsageRecord(draft: UsageDraft, outcome: UsageOutcome): UsageRecord {
  const spent = tokensSpent(draft);
  const record: UsageRecord = {
    keyId: outcome.keyId,
    timestamp: outcome.receivedAt.toISOString(),
    requestId: outcome.requestId,
    inputTokens: spent.inputTokens,
    outputTokens: spent.outputTokens,
    cacheReadInputTokens: draft.cacheReadInputTokens,
    cacheWriteInputTokens: draft.cacheWriteInputTokens,
    tokensEstimated: spent.estimated,
    latencyMs: Math.round(outcome.endedAt - outcome.startedAt),
    status: outcome.clientGone ? 499 : outcome.status,
    success: !outcome.clientGone && outcome.status < 400 && draft.errorType === undefined,
    stream: draft.stream,
  };
  // Client-supplied strings are capped: a record must fit DynamoDB's 400 KB item limit whatever was sent.
  if (draft.model !== undefined) record.model = draft.model.slice(0, 256);
  if (draft.bedrockModelId !== undefined) record.bedrockModelId = draft.bedrockModelId.slice(0, 2048);
  if (draft.api !== undefined) record.api = draft.api;
  if (draft.cacheHit === true) record.cacheHit = true;
  if (draft.firstTokenAt !== undefined) record.timeToFirstTokenMs = Math.round(draft.firstTokenAt - outcome.startedAt);
  const errorType = outcome.clientGone ? 'client_closed' : draft.errorType;
  if (errorType !== undefined) record.errorType = errorType;
  if (outcome.userAgent !== undefined) record.userAgent = outcome.userAgent.slice(0, 256);
  if (outcome.claudeCodeSessionId !== undefined) record.claudeCodeSessionId = outcome.claudeCodeSessionId.slice(0, 128);
  return record;
}
