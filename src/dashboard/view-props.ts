import type { Formatters } from './formatters.js';
import type { UsageSummary } from './usage-summary.js';

/** What every view of the dashboard body receives. */
export interface BodyProps {
  summary: UsageSummary;
  width: number;
  /** Lines the view may use. */
  height: number;
  colour: boolean;
  formatters: Formatters;
}

export function costCell(value: number | null, formatters: Formatters): string {
  return value === null ? '—' : formatters.formatUsd(value);
}
