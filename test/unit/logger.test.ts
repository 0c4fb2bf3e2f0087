import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/logger.js';

const fixedTime = new Date('2025-06-01T12:34:56.789Z');

function capture(options: { level: 'debug' | 'info' | 'warn' | 'error' | 'silent'; pretty?: boolean }): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ ...options, write: (line) => lines.push(line), now: () => fixedTime });
  return { logger, lines };
}

describe('createLogger (JSON lines)', () => {
  it('writes one JSON object per line: ISO time, level name, message, then the fields', () => {
    const { logger, lines } = capture({ level: 'info' });
    logger.info('request', { requestId: 'req_1', keyId: 'key_abc', model: 'claude-sonnet-4-6', status: 200, latencyMs: 42, cacheHit: false });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2025-06-01T12:34:56.789Z',
      level: 'info',
      message: 'request',
      requestId: 'req_1',
      keyId: 'key_abc',
      model: 'claude-sonnet-4-6',
      status: 200,
      latencyMs: 42,
      cacheHit: false,
    });
  });

  it('writes a line without fields as time, level and message only', () => {
    const { logger, lines } = capture({ level: 'debug' });
    logger.warn('shutting down');
    expect(JSON.parse(lines[0] ?? '')).toEqual({ time: '2025-06-01T12:34:56.789Z', level: 'warn', message: 'shutting down' });
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('at level %s writes %j', (level, expected) => {
    const { logger, lines } = capture({ level });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(expected);
  });

  it('redacts secrets wherever a caller puts them, and keeps the other fields', () => {
    const { logger, lines } = capture({ level: 'info' });
    logger.info('incoming', {
      apiKey: 'sk-proxy-top-level',
      authorization: 'Bearer top-level',
      'x-api-key': 'sk-proxy-top-level-header',
      headers: { 'x-api-key': 'sk-proxy-header', authorization: 'Bearer header', accept: 'application/json' },
      key: { apiKey: 'sk-proxy-nested', id: 'key_abc' },
    });
    const line = lines[0] ?? '';
    expect(line).not.toContain('sk-proxy');
    expect(line).not.toContain('Bearer');
    expect(JSON.parse(line)).toMatchObject({
      apiKey: '[redacted]',
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      headers: { 'x-api-key': '[redacted]', authorization: '[redacted]', accept: 'application/json' },
      key: { apiKey: '[redacted]', id: 'key_abc' },
    });
  });

  it('writes an Error under `error` with its type and message instead of {}', () => {
    const { logger, lines } = capture({ level: 'info' });
    logger.error('request failed', { error: new TypeError('boom') });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ error: { type: 'TypeError', message: 'boom' } });
  });

  it('flush() resolves for a logger writing to a function', async () => {
    const { logger } = capture({ level: 'info' });
    await expect(logger.flush?.()).resolves.toBeUndefined();
  });
});

describe('createLogger (pretty)', () => {
  it('writes readable text, not JSON: time, level, message and the fields on one line', () => {
    const { logger, lines } = capture({ level: 'info', pretty: true });
    logger.info('request', { requestId: 'req_1', status: 200 });
    logger.debug('hidden');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(() => JSON.parse(line)).toThrow();
    expect(line).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: request \{"requestId":"req_1","status":200\}\n$/);
  });

  it('redacts in pretty mode too', () => {
    const { logger, lines } = capture({ level: 'info', pretty: true });
    logger.info('incoming', { headers: { authorization: 'Bearer secret-token' } });
    expect(lines[0]).not.toContain('secret-token');
    expect(lines[0]).toContain('[redacted]');
  });
});
