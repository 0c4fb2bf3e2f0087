import type { MessagesRequest } from '../anthropic/request-schema.js';
import { createMessageAccumulator } from '../anthropic/accumulate-message.js';
import type { AnthropicStreamEvent, Message } from '../anthropic/types.js';
import type { BedrockRuntime, GuardrailSettings } from '../bedrock/types.js';
import type { FeatureFlags } from '../convert/feature-flags.js';
import type { UrlFetcher } from '../fetch/index.js';
import type { Logger } from '../logger.js';
import type { ProxyMetrics } from '../metrics/create-metrics.js';
import type { AnthropicVersion } from './anthropic-headers.js';
import type { IdSource } from './ids.js';
import type { RequestContext } from './request-context.js';
import { asProxyError } from './respond.js';
import { streamSse } from './stream-sse.js';
import { observeStreamEvents } from './usage-draft.js';
import type { RetryPolicy } from './with-retries.js';

/** What both Bedrock APIs need to answer one /v1/messages request. */
export interface MessageCall {
  context: RequestContext;
  request: MessagesRequest;
  bedrockModelId: string;
  anthropicVersion: AnthropicVersion;
  betas: string[];
  /** The Bedrock guardrail for this call (the key's own, or the proxy's); absent for none. */
  guardrail?: GuardrailSettings;
  /** Receives the whole answer once it is complete (the response cache fills itself this way). */
  keepAnswer?: (message: Message) => void;
}

export interface AnswerOptions {
  bedrock: BedrockRuntime;
  /** Bedrock calls that fail before answering are tried again (never once a stream has started). */
  retry: RetryPolicy;
  /** Fetches image and document `url` sources (ALLOW_URL_SOURCES); absent: the converters refuse them. */
  fetchUrl?: UrlFetcher;
  features: FeatureFlags;
  ids: IdSource;
  logger: Logger;
  pingIntervalMs: number;
  metrics?: ProxyMetrics;
}

/** Items that can be stepped through as Anthropic events: a translator or a relay. */
export interface StreamStepper<Item> {
  push(item: Item): AnthropicStreamEvent[];
  finish(): AnthropicStreamEvent[];
}

/**
 * Sends a Bedrock stream as Anthropic SSE once Bedrock has accepted the call, noting usage and the
 * first token on the way; a failure after the first byte ends it with an `error` frame.
 */
export async function sendBedrockStream<Item>(options: {
  call: MessageCall;
  answer: AnswerOptions;
  bedrockRequestId: string;
  /** Bedrock's events, a batch per network read. */
  itemBatches: AsyncIterable<Item[]>;
  stepper: StreamStepper<Item>;
}): Promise<void> {
  const { context, keepAnswer } = options.call;
  const { usage } = context;
  usage.streamStarted = true;
  const accumulator = keepAnswer === undefined ? undefined : createMessageAccumulator();
  let kept = false;
  const observe = (events: AnthropicStreamEvent[]) => {
    observeStreamEvents(usage, events);
    if (accumulator === undefined) return;
    accumulator.push(events);
    // Kept before message_stop goes out, so a client that asks again at once already finds it.
    const message = kept ? undefined : accumulator.result();
    if (message === undefined || usage.errorType !== undefined) return;
    kept = true;
    keepAnswer?.(message);
  };
  await sendSse({
    context,
    answer: options.answer,
    headers: { 'x-bedrock-request-id': options.bedrockRequestId },
    events: step(options.itemBatches, options.stepper, observe),
    onError: (error) => {
      usage.errorType = asProxyError(error).type;
      options.answer.logger.warn('stream ended with an error', { requestId: context.requestId, error: error instanceof Error ? error.message : String(error) });
    },
  });
}

/** An SSE response, counted in the active-streams gauge while it is open. */
export async function sendSse(options: {
  context: RequestContext;
  answer: Pick<AnswerOptions, 'pingIntervalMs' | 'metrics'>;
  headers: Record<string, string>;
  events: AsyncIterable<AnthropicStreamEvent[]>;
  onError?: (error: unknown) => void;
}): Promise<void> {
  const { metrics } = options.answer;
  metrics?.streamStarted();
  try {
    await streamSse({
      response: options.context.response,
      headers: options.headers,
      events: options.events,
      pingIntervalMs: options.answer.pingIntervalMs,
      onError: options.onError,
    });
  } finally {
    metrics?.streamEnded();
  }
}

/** Each batch of Bedrock's events as one batch of Anthropic events, then what the stepper has left at the end. */
async function* step<Item>(
  itemBatches: AsyncIterable<Item[]>,
  stepper: StreamStepper<Item>,
  observe: (events: AnthropicStreamEvent[]) => void,
): AsyncGenerator<AnthropicStreamEvent[]> {
  for await (const items of itemBatches) {
    const events = items.length === 1 ? stepper.push(items[0]!) : items.flatMap((item) => stepper.push(item));
    observe(events);
    yield events;
  }
  const last = stepper.finish();
  observe(last);
  yield last;
}
