import { useCallback, useRef } from 'react';
import type { UsageSummary } from './usage-summary.js';
import type { WindowName } from './usage-window.js';

export interface SummaryRequest {
  window: WindowName;
  keyFilter: string;
}

export interface RefreshOptions {
  fetchSummary(request: SummaryRequest): Promise<UsageSummary>;
  request: SummaryRequest;
  setSummary(summary: UsageSummary): void;
  setStatus(status: string | undefined): void;
}

/** One load at a time; a load for a window or filter no longer shown is dropped, and an unchanged summary is not set again. */
export function useRefresh(options: RefreshOptions): { refresh: () => void; forget: () => void } {
  const { fetchSummary, setSummary, setStatus } = options;
  const { window, keyFilter } = options.request;
  const inFlight = useRef(false);
  const again = useRef(false);
  const shown = useRef('');
  const current = useRef('');
  const latest = useRef<() => void>(() => {});
  current.current = `${window}\u0000${keyFilter}`;

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const asked = `${window}\u0000${keyFilter}`;
    fetchSummary({ window, keyFilter })
      .then((summary) => {
        if (asked !== current.current) return;
        const fingerprint = `${asked}\u0000${JSON.stringify({ ...summary, generatedAt: '' })}`;
        if (fingerprint !== shown.current) {
          shown.current = fingerprint;
          setSummary(summary);
        }
        setStatus(undefined);
      })
      .catch((error: unknown) => {
        if (asked === current.current) setStatus(`Refresh failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current) {
          again.current = false;
          latest.current();
        }
      });
  }, [fetchSummary, window, keyFilter, setSummary, setStatus]);
  latest.current = refresh;
  const forget = useCallback(() => {
    shown.current = '';
  }, []);
  return { refresh, forget };
}
