import { describe, expect, it } from 'vitest';
import { initialDashboardState, pressKey, splitKeyPresses, type DashboardState, type KeyPress } from '../../src/dashboard/dashboard-state.js';
import { fitColumns, fitText, type ColumnSpec } from '../../src/dashboard/fit-columns.js';
import { defaultFormatters } from '../../src/dashboard/formatters.js';
import { parseDuration, parseSince } from '../../src/dashboard/parse-since.js';
import { sparkline } from '../../src/dashboard/sparkline.js';
import { nextWindow } from '../../src/dashboard/usage-window.js';

const { formatCount, formatTokens, formatDuration, formatUsd, formatPercent, formatTime } = defaultFormatters;

describe('formatters', () => {
  it.each([
    [0, '0'], [950, '950'], [999, '999'], [1000, '1.0k'], [12_345, '12.3k'], [999_960, '1.0M'], [4_520_000, '4.5M'], [1_200_000_000, '1.2B'],
  ])('tokens %d → %s', (value, text) => expect(formatTokens(value)).toBe(text));

  it.each([
    [0, '0 ms'], [850, '850 ms'], [999.4, '999 ms'], [999.6, '1.0 s'], [1234, '1.2 s'], [59_949, '59.9 s'], [150_000, '2.5 min'],
  ])('duration %d → %s', (value, text) => expect(formatDuration(value)).toBe(text));

  it.each([
    [0, '$0.00'], [0.0123, '$0.0123'], [0.00004, '$0.0000'], [1, '$1.00'], [12.345, '$12.35'], [1234.5, '$1,235'],
  ])('usd %d → %s', (value, text) => expect(formatUsd(value)).toBe(text));

  it('counts, percentages and times', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatPercent(0.6125)).toBe('61.3%');
    expect(formatTime('2026-11-28T14:05:59.999Z')).toBe('11-28 14:05');
  });
});

describe('parseSince and parseDuration', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');

  it.each([
    ['90s', 90_000], ['15m', 900_000], ['2h', 7_200_000], ['1h30m', 5_400_000], ['7d', 604_800_000], ['1w', 604_800_000], ['1.5h', 5_400_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(parseSince(text, now).getTime()).toBe(now.getTime() - ms);
  });

  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2026-11-27T08:00:00Z', '2026-11-27T08:00:00.000Z'],
    ['2026-11-28T10:30:00+01:00', '2026-11-28T09:30:00.000Z'],
  ])('the time %s', (text, iso) => {
    expect(parseSince(text, now).toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2h ago', '0m', '-2h', '2026-13-45', '12:00'])('%j is refused', (text) => {
    expect(() => parseSince(text, now)).toThrow(/^--since must be a duration such as 30m, 2h or 7d, or an ISO 8601 time/);
  });

  it('refuses a time that is not in the past', () => {
    expect(() => parseSince('2026-11-29', now)).toThrow('--since must be in the past; got "2026-11-29"');
  });
});

describe('sparkline', () => {
  it.each([
    [[0, 1, 2, 3, 4, 5, 6, 7, 8], 9, ' ▁▂▃▄▅▆▇█'],
    [[0, 0, 0], 3, '   '],
    [[1, 1], 2, '██'],
    [[3, 1, 2, 6], 2, '▄█'],
  ])('%j in %i columns → %j', (values, width, text) => {
    expect(sparkline(values, width)).toBe(text);
  });
});

describe('fitting table columns to the width', () => {
  const columns: ColumnSpec[] = [
    { header: 'Name', width: 6, maxWidth: 12, align: 'left', priority: 1 },
    { header: 'Id', width: 10, align: 'left', priority: 3 },
    { header: 'Count', width: 5, align: 'right', priority: 1 },
    { header: 'Extra', width: 5, align: 'right', priority: 2 },
  ];
  const layout = (width: number) => fitColumns(columns, width).map((column) => [column.spec.header, column.width]);

  it.each([
    [13, [['Name', 6], ['Count', 5]]],
    [20, [['Name', 6], ['Count', 5], ['Extra', 5]]],
    [25, [['Name', 11], ['Count', 5], ['Extra', 5]]],
    [40, [['Name', 12], ['Id', 10], ['Count', 5], ['Extra', 5]]],
  ])('at %i columns', (width, expected) => {
    expect(layout(width)).toEqual(expected);
  });

  it.each([
    ['laptop', 8, 'left', 'laptop  '],
    ['a-long-key-name', 8, 'left', 'a-long-…'],
    ['42', 5, 'right', '   42'],
  ] as const)('fitText(%j, %i, %s)', (text, width, align, expected) => {
    expect(fitText(text, width, align)).toBe(expected);
  });
});

describe('dashboard keys', () => {
  const none: KeyPress = { tab: false, shift: false, leftArrow: false, rightArrow: false, return: false, escape: false, backspace: false, delete: false, ctrl: false, meta: false };
  const press = (state: DashboardState, input: string, key: Partial<KeyPress> = {}) => pressKey(state, { input, key: { ...none, ...key } });
  const start = initialDashboardState('1h');

  it('w cycles the windows 15m → 1h → 24h → 7d → 15m', () => {
    expect(nextWindow('15m')).toBe('1h');
    expect(press(press(press(start, 'w'), 'w'), 'w').window).toBe('15m');
  });

  it.each([
    [{ tab: true }, '', 'keys'],
    [{ rightArrow: true }, '', 'keys'],
    [{ leftArrow: true }, '', 'sessions'],
    [{ tab: true, shift: true }, '', 'sessions'],
    [{}, '3', 'models'],
  ])('%j %j → %s', (key, input, view) => {
    expect(press(start, input, key).view).toBe(view);
  });

  it('/ opens the filter; typing, Backspace and Enter apply it; Esc clears it; q types a q while it is open', () => {
    let state = press(start, '/');
    expect(state.draft).toBe('');
    for (const character of 'ciq') state = press(state, character);
    state = press(state, '', { backspace: true });
    state = press(state, '', { return: true });
    expect(state).toMatchObject({ filter: 'ci', draft: undefined, quit: false });
    expect(press(state, '/').draft).toBe('ci');
    expect(press(press(state, '/'), '', { escape: true })).toMatchObject({ filter: '', draft: undefined });
    expect(press(state, '', { escape: true }).filter).toBe('');
  });

  it('q quits', () => {
    expect(press(start, 'q').quit).toBe(true);
  });

  it('takes apart keys that arrive together', () => {
    const presses = splitKeyPresses('\t/lap\r', none);
    expect(presses.map((entry) => [entry.input, entry.key.tab, entry.key.return])).toEqual([
      ['', true, false], ['/', false, false], ['l', false, false], ['a', false, false], ['p', false, false], ['', false, true],
    ]);
    const state = presses.reduce(pressKey, start);
    expect(state).toMatchObject({ view: 'keys', filter: 'lap', draft: undefined });
    expect(splitKeyPresses('\u001B[C', { ...none, rightArrow: true })).toEqual([{ input: '\u001B[C', key: { ...none, rightArrow: true } }]);
  });
});
