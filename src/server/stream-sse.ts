import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { formatSseFrame, pingFrame } from '../anthropic/sse.js';
import type { AnthropicStreamEvent } from '../anthropic/types.js';
import { asProxyError, errorFrame } from './respond.js';

export interface SseStreamOptions {
  response: ServerResponse;
  headers: Record<string, string>;
  /** Anthropic events in order; a throw ends the stream with an `error` frame, never a normal close. */
  events: AsyncIterable<AnthropicStreamEvent[]>;
  /** A `ping` frame is sent after this much silence. */
  pingIntervalMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Sends an Anthropic event stream: headers at once, every batch of events as soon as it exists,
 * `ping` during silences. `pipeline` gives backpressure and, when the client goes away, ends the
 * source generator, which releases the upstream call.
 */
export async function streamSse(options: SseStreamOptions): Promise<void> {
  const { response } = options;
  response.writeHead(200, {
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  });
  response.flushHeaders();

  let lastWriteAt = performance.now();
  const pinger = setInterval(() => {
    if (performance.now() - lastWriteAt >= options.pingIntervalMs && response.writableLength === 0) {
      lastWriteAt = performance.now();
      response.write(pingFrame);
    }
  }, Math.max(10, Math.min(1000, options.pingIntervalMs / 4)));
  pinger.unref();

  // Frames made from one network read of Bedrock's stream leave in one write: the response is
  // corked at the first frame and uncorked once this turn of the event loop is over.
  let corked = false;
  const uncork = () => {
    corked = false;
    response.uncork();
  };

  async function* frames(): AsyncGenerator<string> {
    try {
      for await (const batch of options.events) {
        if (batch.length === 0) continue;
        lastWriteAt = performance.now();
        if (!corked) {
          corked = true;
          response.cork();
          setImmediate(uncork);
        }
        yield batch.length === 1 ? formatSseFrame(batch[0]!) : batch.map(formatSseFrame).join('');
      }
    } catch (error) {
      options.onError?.(error);
      yield errorFrame(asProxyError(error));
    }
  }

  try {
    await pipeline(frames(), response);
  } catch (error) {
    // The client went away; the source generator has been closed and the upstream call released.
    if (!response.destroyed) throw error;
  } finally {
    clearInterval(pinger);
  }
}
