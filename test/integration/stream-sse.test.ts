import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnthropicStreamEvent } from '../../src/anthropic/types.js';
import { ProxyError } from '../../src/errors.js';
import { streamSse } from '../../src/server/stream-sse.js';
import { parseSseFrames } from '../support/raw-http.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const delta = (text: string): AnthropicStreamEvent => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });

/** A server whose every response is `streamSse` over the events `makeEvents` gives; resolves its port. */
async function serveEvents(makeEvents: () => AsyncIterable<AnthropicStreamEvent[]>, onError?: (error: unknown) => void): Promise<number> {
  const server = createServer((_request, response) => {
    void streamSse({ response, headers: {}, events: makeEvents(), pingIntervalMs: 60_000, onError });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** The raw bytes of one GET over a fresh socket, and the sizes of its HTTP chunks. */
async function fetchChunks(port: number): Promise<{ body: string; chunkSizes: number[] }> {
  const socket = connect(port, '127.0.0.1');
  socket.write('GET / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n');
  const parts: Buffer[] = [];
  for await (const part of socket) parts.push(part as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  let rest = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const chunkSizes: number[] = [];
  let body = '';
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (size === 0) break;
    chunkSizes.push(size);
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
  return { body, chunkSizes };
}

describe('streamSse', () => {
  it('writes the frames made in one turn of the event loop as one HTTP chunk', async () => {
    const port = await serveEvents(async function* () {
      for (let index = 0; index < 200; index += 1) yield [delta(`d${index}`)];
    });
    const { body, chunkSizes } = await fetchChunks(port);
    expect(chunkSizes).toHaveLength(1);
    const frames = parseSseFrames(body);
    expect(frames).toHaveLength(200);
    expect(frames.at(-1)).toEqual({ event: 'content_block_delta', data: delta('d199') });
  });

  it('sends what each turn made before the next turn begins', async () => {
    const port = await serveEvents(async function* () {
      for (let turn = 0; turn < 5; turn += 1) {
        yield [delta(`a${turn}`)];
        yield [delta(`b${turn}`)];
        await nextTurn();
        await nextTurn();
      }
    });
    const { body, chunkSizes } = await fetchChunks(port);
    expect(chunkSizes).toHaveLength(5);
    expect(body.indexOf('"text":"a4"')).toBeLessThan(body.indexOf('"text":"b4"'));
  });

  it('ends with an error frame, after the frames already made, when the events fail', async () => {
    const errors: unknown[] = [];
    const port = await serveEvents(async function* () {
      yield [delta('before')];
      throw new ProxyError('BEDROCK_BAD_RESPONSE', 'broken upstream');
    }, (error) => errors.push(error));
    const { body } = await fetchChunks(port);
    expect(body.indexOf('"text":"before"')).toBeLessThan(body.indexOf('event: error'));
    expect(body).toContain('broken upstream');
    expect(body).not.toContain('message_stop');
    expect(errors).toHaveLength(1);
  });

  it('stops reading the events while the client reads nothing, and closes them when it leaves', async () => {
    let made = 0;
    let closed = false;
    const big = 'x'.repeat(16 * 1024);
    const port = await serveEvents(async function* () {
      try {
        for (; made < 100_000; made += 1) {
          yield [delta(big)];
          await nextTurn();
        }
      } finally {
        closed = true;
      }
    });
    const socket = connect(port, '127.0.0.1');
    socket.write('GET / HTTP/1.1\r\nhost: localhost\r\n\r\n');
    socket.pause();
    // Once the socket buffers are full the source must stand still; wait for that, 5 s at most.
    let before = -1;
    for (let waitedMs = 0; made !== before && waitedMs < 5000; waitedMs += 200) {
      before = made;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(made).toBe(before);
    // Socket buffers hold a few MB at most: far below the 1.6 GB the source could make.
    expect(made * big.length).toBeLessThan(64 * 1024 * 1024);
    socket.destroy();
    await expect.poll(() => closed, { timeout: 2000 }).toBe(true);
    expect(made).toBeLessThan(100_000);
  });
});
