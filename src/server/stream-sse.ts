import type { ServerResponse } from 'node:http';
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

/** Frames held back beyond this many characters leave at once instead of at the end of the turn. */
const maximumHeldCharacters = 64 * 1024;

/**
 * Sends an Anthropic event stream: headers at once, every batch of events as soon as it exists,
 * `ping` during silences. The frames made in one turn of the event loop (everything decoded from one
 * network read of Bedrock's stream) leave in one write, so a chunked response pays for one chunk
 * instead of one per delta. The events are read no faster than the client takes them; when the
 * client goes away the source is closed, which releases the upstream call.
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

  const held = createHeldText(response);
  let lastWriteAt = performance.now();
  const pinger = setInterval(() => {
    if (performance.now() - lastWriteAt >= options.pingIntervalMs && response.writableLength === 0 && held.length() === 0) {
      lastWriteAt = performance.now();
      response.write(pingFrame);
    }
  }, Math.max(10, Math.min(1000, options.pingIntervalMs / 4)));
  pinger.unref();

  try {
    for await (const batch of options.events) {
      if (response.destroyed) break;
      if (batch.length === 0) continue;
      lastWriteAt = performance.now();
      held.add(batch.length === 1 ? formatSseFrame(batch[0]!) : batch.map(formatSseFrame).join(''));
      if (held.length() > maximumHeldCharacters) held.writeNow();
      if (response.writableNeedDrain) await drainedOrClosed(response);
    }
  } catch (error) {
    options.onError?.(error);
    held.add(errorFrame(asProxyError(error)));
  } finally {
    clearInterval(pinger);
  }
  held.writeNow();
  if (!response.destroyed) response.end();
}

/** Text waiting for the end of the current turn of the event loop, then written in one piece. */
function createHeldText(response: ServerResponse) {
  let text = '';
  let scheduled = false;
  const writeNow = () => {
    scheduled = false;
    if (text === '') return;
    if (!response.destroyed) response.write(text);
    text = '';
  };
  return {
    add(frames: string) {
      text += frames;
      if (!scheduled) {
        scheduled = true;
        setImmediate(writeNow);
      }
    },
    writeNow,
    length: () => text.length,
  };
}

/** Resolves when the response has room again, or can no longer take anything. */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  if (response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
