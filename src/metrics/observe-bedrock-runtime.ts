import type { BedrockRuntime } from '../bedrock/types.js';
import type { ProxyMetrics } from './create-metrics.js';

export interface ObserveBedrockRuntimeOptions {
  metrics: ProxyMetrics;
  /** Milliseconds, e.g. performance.now. */
  now: () => number;
}

type Api = 'converse' | 'invoke';

/**
 * The same runtime, with every call timed into bedrock_call_duration_seconds{api,operation,outcome}.
 * A whole answer is timed to its arrival; a stream to its end, so a stream that fails midway is an
 * `error`, and one the client leaves early is `ok` (Bedrock did not fail).
 */
export function observeBedrockRuntime(runtime: BedrockRuntime, options: ObserveBedrockRuntimeOptions): BedrockRuntime {
  const { metrics, now } = options;
  const record = (api: Api, operation: string, started: number, outcome: 'ok' | 'error'): void =>
    metrics.observeBedrockCall({ api, operation, outcome }, (now() - started) / 1000);

  async function timed<Result>(api: Api, operation: string, call: () => Promise<Result>): Promise<Result> {
    const started = now();
    try {
      const result = await call();
      record(api, operation, started, 'ok');
      return result;
    } catch (error) {
      record(api, operation, started, 'error');
      throw error;
    }
  }

  async function timedStream<Result extends { eventBatches: AsyncIterable<Batch> }, Batch>(
    api: Api,
    operation: string,
    call: () => Promise<Result>,
  ): Promise<Result> {
    const started = now();
    let result: Result;
    try {
      result = await call();
    } catch (error) {
      record(api, operation, started, 'error');
      throw error;
    }
    return { ...result, eventBatches: timedEvents(result.eventBatches, (outcome) => record(api, operation, started, outcome)) };
  }

  return {
    converse: (call) => timed('converse', 'converse', () => runtime.converse(call)),
    converseStream: (call) => timedStream('converse', 'converse-stream', () => runtime.converseStream(call)),
    invoke: (call) => timed('invoke', 'invoke', () => runtime.invoke(call)),
    invokeStream: (call) => timedStream('invoke', 'invoke-with-response-stream', () => runtime.invokeStream(call)),
    countTokens: (call) => timed('converse' in call.input ? 'converse' : 'invoke', 'count-tokens', () => runtime.countTokens(call)),
    close: () => runtime.close(),
  };
}

/**
 * The same events, with `finish` called once when they end, fail or are left. A plain iterator that
 * hands `next()` straight through: an async generator here would add its own promises to every event.
 */
function timedEvents<Event>(events: AsyncIterable<Event>, finish: (outcome: 'ok' | 'error') => void): AsyncIterable<Event> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Event> {
      const inner = events[Symbol.asyncIterator]();
      let finished = false;
      const end = (outcome: 'ok' | 'error') => {
        if (finished) return;
        finished = true;
        finish(outcome);
      };
      return {
        next: () =>
          inner.next().then(
            (result) => {
              if (result.done === true) end('ok');
              return result;
            },
            (error: unknown) => {
              end('error');
              throw error;
            },
          ),
        return: async (value?: unknown) => {
          end('ok');
          return inner.return === undefined ? { done: true, value: undefined } : inner.return(value);
        },
      };
    },
  };
}
