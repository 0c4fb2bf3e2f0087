/** How numbers and times are written; injected into every view so tests can fix them. */
export interface Formatters {
  /** 12,345 */
  formatCount(value: number): string;
  /** 950, 12.3k, 4.5M, 1.2B */
  formatTokens(value: number): string;
  /** 850 ms, 1.2 s, 2.5 min */
  formatDuration(milliseconds: number): string;
  /** $0.0123 below a dollar, $12.34, $1,234 */
  formatUsd(value: number): string;
  /** 0.612 → 61.2% */
  formatPercent(ratio: number): string;
  /** An ISO instant as `11-28 14:05` (UTC). */
  formatTime(iso: string): string;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const defaultFormatters: Formatters = {
  formatCount: (value) => grouped.format(value),
  formatTokens(value) {
    const units: ReadonlyArray<[number, string]> = [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
    for (const [size, suffix] of units) {
      // 999,950 rounds to 1000.0k: write it as 1.0M instead.
      if (Math.abs(value) >= size * 0.99995) return `${(value / size).toFixed(1)}${suffix}`;
    }
    return String(Math.round(value));
  },
  formatDuration(milliseconds) {
    if (milliseconds < 999.5) return `${Math.round(milliseconds)} ms`;
    if (milliseconds < 59_950) return `${(milliseconds / 1000).toFixed(1)} s`;
    return `${(milliseconds / 60_000).toFixed(1)} min`;
  },
  formatUsd(value) {
    if (value === 0) return '$0.00';
    if (Math.abs(value) < 1) return `$${value.toFixed(4)}`;
    if (Math.abs(value) < 100) return `$${value.toFixed(2)}`;
    return `$${grouped.format(value)}`;
  },
  formatPercent: (ratio) => `${(ratio * 100).toFixed(1)}%`,
  formatTime: (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`,
};
