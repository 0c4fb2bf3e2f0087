import { nextWindow, type WindowName } from './usage-window.js';
import { stepView, viewNames, type ViewName } from './view-names.js';

export interface DashboardState {
  window: WindowName;
  view: ViewName;
  /** The key filter in effect ('' for none). */
  filter: string;
  /** The text being typed while the filter input is open. */
  draft: string | undefined;
  quit: boolean;
}

/** The parts of ink's `Key` the dashboard reacts to. */
export interface KeyPress {
  tab: boolean;
  shift: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  return: boolean;
  escape: boolean;
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  meta: boolean;
}

export function initialDashboardState(window: WindowName): DashboardState {
  return { window, view: 'overview', filter: '', draft: undefined, quit: false };
}

/**
 * The state after one key press. A reducer, so that keys typed faster than the screen is drawn
 * each see the state the previous key left.
 */
export function pressKey(state: DashboardState, press: { input: string; key: KeyPress }): DashboardState {
  const { input, key } = press;
  if (state.draft !== undefined) {
    if (key.return) return { ...state, filter: state.draft.trim(), draft: undefined };
    if (key.escape) return { ...state, filter: '', draft: undefined };
    if (key.backspace || key.delete) return { ...state, draft: state.draft.slice(0, -1) };
    if (key.ctrl || key.meta || input === '' || /[\u0000-\u001F\u007F]/.test(input)) return state;
    return { ...state, draft: state.draft + input };
  }
  if (input === 'q') return { ...state, quit: true };
  if (input === 'w') return { ...state, window: nextWindow(state.window) };
  if (input === '/') return { ...state, draft: state.filter };
  if (key.escape) return state.filter === '' ? state : { ...state, filter: '' };
  if ((key.tab && key.shift) || key.leftArrow) return { ...state, view: stepView(state.view, -1) };
  if (key.tab || key.rightArrow) return { ...state, view: stepView(state.view, 1) };
  const numbered = /^[1-4]$/.test(input) ? viewNames[Number(input) - 1] : undefined;
  return numbered === undefined ? state : { ...state, view: numbered };
}

const noKey: KeyPress = { tab: false, shift: false, leftArrow: false, rightArrow: false, return: false, escape: false, backspace: false, delete: false, ctrl: false, meta: false };

/**
 * Keys that reach the program together (typed fast, pasted, or sent by a terminal multiplexer)
 * arrive as one string; taken apart here so that `\t/lap\r` is Tab, `/`, `l`, `a`, `p`, Enter.
 */
export function splitKeyPresses(input: string, key: KeyPress): Array<{ input: string; key: KeyPress }> {
  if (input.length <= 1 || input.includes('\u001B')) return [{ input, key }];
  return [...input].map((character) => {
    switch (character) {
      case '\t':
        return { input: '', key: { ...noKey, tab: true } };
      case '\r':
      case '\n':
        return { input: '', key: { ...noKey, return: true } };
      case '\u007F':
      case '\b':
        return { input: '', key: { ...noKey, backspace: true } };
      default:
        return { input: character, key: noKey };
    }
  });
}
