import { describe, expect, it } from 'vitest';
import { formatSseFrame, keepArrivedJson } from '../../src/anthropic/sse.js';
import { createNativeStreamRelay } from '../../src/convert/native/create-native-stream-relay.js';

describe('frames of events passed on unchanged', () => {
  it('reuse the JSON text the event arrived in', () => {
    const json = '{"type":"content_block_delta","delta":{"text":"hi","type":"text_delta"},"index":0}';
    const event = JSON.parse(json) as { type: string };
    keepArrivedJson(event, json);
    expect(formatSseFrame(event)).toBe(`event: content_block_delta\ndata: ${json}\n\n`);
  });

  it.each([
    ['a line feed', '{"type":"ping",\n"x":1}'],
    ['a carriage return', '{"type":"ping",\r"x":1}'],
  ])('serialise again text with %s, which cannot stay on one data line', (_name, json) => {
    const event = JSON.parse(json) as { type: string };
    keepArrivedJson(event, json);
    expect(formatSseFrame(event)).toBe('event: ping\ndata: {"type":"ping","x":1}\n\n');
  });

  it('serialise a changed copy, never the old text', () => {
    const json = '{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":1}}';
    const event = JSON.parse(json) as Record<string, unknown>;
    keepArrivedJson(event, json);
    const relay = createNativeStreamRelay({ model: 'claude-sonnet-4-5' });
    const [relayed] = relay.push(event);
    expect(relayed).not.toBe(event);
    expect(formatSseFrame(relayed!)).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });

  it('the native relay hands content events on as the same object', () => {
    const relay = createNativeStreamRelay({ model: 'claude-sonnet-4-5' });
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } };
    expect(relay.push(delta)[0]).toBe(delta);
  });
});
