import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ResponseSink } from '../../src/simulator/transport/response-sink.js';
import { sendEventStream, type FrameEnding } from '../../src/simulator/transport/send-event-stream.js';

/** A response that records what was done to it, in order; writes complete at once. */
function recordingSink() {
  const log: string[] = [];
  const emitter = new EventEmitter();
  const socket = { resetAndDestroy: () => log.push('reset'), destroy: () => log.push('destroy') };
  const sink = {
    headersSent: false,
    writeHead: (status: number) => log.push(`head ${status}`),
    flushHeaders: () => log.push('flush headers'),
    write: (chunk: Uint8Array, callback?: (error?: Error | null) => void) => {
      log.push(`write ${Buffer.from(chunk).toString()}`);
      callback?.(null);
      return true;
    },
    end: () => log.push('end'),
    once: (event: string, listener: () => void) => emitter.once(event, listener),
    removeListener: (event: string, listener: () => void) => emitter.removeListener(event, listener),
    socket,
  };
  return { sink: sink as unknown as ResponseSink, log };
}

const frames = ['a', 'b', 'c'].map((letter) => Buffer.from(letter));

async function send(ending: FrameEnding, extra: { eventDelayMs?: number; headersThenStallMs?: number; signal?: AbortSignal } = {}) {
  const { sink, log } = recordingSink();
  const outcome = await sendEventStream({
    response: sink,
    frames,
    ending,
    headers: {},
    eventDelayMs: extra.eventDelayMs ?? 0,
    headersThenStallMs: extra.headersThenStallMs,
    signal: extra.signal ?? new AbortController().signal,
  });
  return { outcome, log };
}

describe('sendEventStream', () => {
  it.each<[string, FrameEnding, { eventDelayMs?: number; headersThenStallMs?: number }, string, string[]]>([
    ['a complete stream in one write', { kind: 'end' }, {}, 'completed', ['head 200', 'write abc', 'end']],
    ['a paced stream frame by frame', { kind: 'end' }, { eventDelayMs: 1 }, 'completed', ['head 200', 'write a', 'write b', 'write c', 'end']],
    [
      'an exception or corrupt frame last',
      { kind: 'failingFrame', frame: Buffer.from('X') },
      {},
      'error',
      ['head 200', 'write abcX', 'end'],
    ],
    [
      'a reset once the frames are out',
      { kind: 'reset' },
      {},
      'error',
      ['head 200', 'flush headers', 'write a', 'write b', 'write c', 'reset'],
    ],
    [
      'headers at once, then the frames after the stall',
      { kind: 'end' },
      { headersThenStallMs: 1 },
      'completed',
      ['head 200', 'flush headers', 'write a', 'write b', 'write c', 'end'],
    ],
  ])('%s', async (_name, ending, extra, outcome, log) => {
    expect(await send(ending, extra)).toEqual({ outcome, log });
  });

  it('stalls after the frames, never ending, until the client leaves', async () => {
    const controller = new AbortController();
    const { sink, log } = recordingSink();
    const sending = sendEventStream({ response: sink, frames, ending: { kind: 'stall' }, headers: {}, eventDelayMs: 0, signal: controller.signal });
    for (let turn = 0; turn < 20 && log.length < 5; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(log).toEqual(['head 200', 'flush headers', 'write a', 'write b', 'write c']);
    controller.abort();
    expect(await sending).toBe('aborted');
    expect(log).toEqual(['head 200', 'flush headers', 'write a', 'write b', 'write c']);
  });

  it('stops writing when the client leaves during the headers stall', async () => {
    const controller = new AbortController();
    const { sink, log } = recordingSink();
    const sending = sendEventStream({
      response: sink,
      frames,
      ending: { kind: 'end' },
      headers: {},
      eventDelayMs: 0,
      headersThenStallMs: 60_000,
      signal: controller.signal,
    });
    controller.abort();
    expect(await sending).toBe('aborted');
    expect(log).toEqual(['head 200', 'flush headers']);
  });
});
