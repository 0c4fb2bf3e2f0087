import { useApp, useInput, type Key } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import { initialDashboardState, pressKey, splitKeyPresses } from './dashboard-state.js';
import { DashboardView } from './dashboard-view.js';
import type { Formatters } from './formatters.js';
import { useRefresh, type SummaryRequest } from './use-refresh.js';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.js';
import type { UsageSummary } from './usage-summary.js';
import type { WindowName } from './usage-window.js';

export type { SummaryRequest } from './use-refresh.js';

export interface UsageAppProps {
  fetchSummary(request: SummaryRequest): Promise<UsageSummary>;
  initialWindow: WindowName;
  refreshMs: number;
  colour: boolean;
  formatters: Formatters;
  /** Fixed size for tests; otherwise the terminal's, following resizes. */
  size?: TerminalSize;
  /** Calls `callback` every `ms` until the returned function is called. */
  every?: (ms: number, callback: () => void) => () => void;
}

const intervalTimer = (ms: number, callback: () => void) => {
  const timer = setInterval(callback, ms);
  return () => clearInterval(timer);
};

/**
 * The live dashboard: owns the window, the view, the key filter, the latest summary and the refresh
 * timer. A refresh that brings the same numbers changes no state, so nothing is drawn again.
 */
export function UsageApp(props: UsageAppProps) {
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const [state, dispatch] = useReducer(pressKey, props.initialWindow, initialDashboardState);
  const { window, filter } = state;
  const [summary, setSummary] = useState<UsageSummary | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const { refresh, forget } = useRefresh({ fetchSummary: props.fetchSummary, request: { window, keyFilter: filter }, setSummary, setStatus });

  useEffect(() => {
    forget();
    setSummary(undefined);
    refresh();
  }, [window, filter, refresh, forget]);
  useEffect(() => (props.every ?? intervalTimer)(props.refreshMs, refresh), [props.every, props.refreshMs, refresh]);
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);
  useInput((input: string, key: Key) => {
    for (const press of splitKeyPresses(input, key)) dispatch(press);
  });

  return (
    <DashboardView
      summary={summary}
      window={window}
      view={state.view}
      filter={{ applied: filter, draft: state.draft }}
      width={size.columns}
      // Output as tall as the terminal makes ink clear the screen on every frame.
      height={size.rows - 1}
      colour={props.colour}
      formatters={props.formatters}
      status={status}
    />
  );
}
