import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readAnthropicVersion, readBetas } from '../../src/server/anthropic-headers.js';
import { extractApiKey } from '../../src/server/authenticate.js';
import { compose, type Stage } from '../../src/server/compose.js';

function fakeRequest(headers: Record<string, string | string[]>): IncomingMessage {
  const single = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
  const distinct = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]));
  return { headers: single, headersDistinct: distinct } as unknown as IncomingMessage;
}

describe('extractApiKey', () => {
  it.each([
    [{ 'x-api-key': 'k1' }, 'k1'],
    [{ authorization: 'Bearer k2' }, 'k2'],
    [{ authorization: 'bearer   k3 ' }, 'k3'],
    [{ 'x-api-key': 'k4', authorization: 'Bearer other' }, 'k4'],
    [{ authorization: 'Basic abc' }, undefined],
    [{ authorization: 'Bearer ' }, undefined],
    [{}, undefined],
  ])('%j → %s', (headers, expected) => {
    expect(extractApiKey(headers)).toBe(expected);
  });
});

describe('anthropic headers', () => {
  it.each([
    [{}, '2023-06-01'],
    [{ 'anthropic-version': '2023-06-01' }, '2023-06-01'],
    [{ 'anthropic-version': '2026-10-21' }, '2026-10-21'],
  ])('version %j → %s', (headers, expected) => {
    expect(readAnthropicVersion(fakeRequest(headers))).toBe(expected);
  });

  it('refuses an unknown version naming the allowed ones', () => {
    expect(() => readAnthropicVersion(fakeRequest({ 'anthropic-version': '2024-01-01' }))).toThrow(
      'anthropic-version: "2024-01-01" is not a supported version; use 2023-06-01 or 2026-10-21',
    );
  });

  it.each([
    [{}, []],
    [{ 'anthropic-beta': 'a,b' }, ['a', 'b']],
    [{ 'anthropic-beta': ' a , b ,,' }, ['a', 'b']],
    [{ 'anthropic-beta': ['a,b', 'c', 'a'] }, ['a', 'b', 'c']],
  ])('betas %j → %j', (headers, expected) => {
    expect(readBetas(fakeRequest(headers))).toEqual(expected);
  });
});

describe('compose', () => {
  it('runs stages in order around next()', async () => {
    const trace: string[] = [];
    const stage = (name: string): Stage<string[]> => async (context, next) => {
      context.push(`${name}:in`);
      await next();
      context.push(`${name}:out`);
    };
    await compose([stage('a'), stage('b')])(trace);
    expect(trace).toEqual(['a:in', 'b:in', 'b:out', 'a:out']);
  });

  it('stops where a stage does not call next', async () => {
    const trace: string[] = [];
    await compose<string[]>([async (context) => { context.push('only'); }, async (context) => { context.push('never'); }])(trace);
    expect(trace).toEqual(['only']);
  });

  it('rejects a stage that calls next twice', async () => {
    const run = compose<unknown>([async (_context, next) => { await next(); await next(); }]);
    await expect(run({})).rejects.toThrow('next() called more than once');
  });
});
