import { Box, Text } from 'ink';
import { fitText } from './fit-columns.js';
import { sparkline } from './sparkline.js';
import { Tone } from './tone.js';
import type { BodyProps } from './view-props.js';

const labelWidth = 16;

/** Totals of the window and the request-rate sparkline. */
export function OverviewView(props: BodyProps) {
  const { summary, width, colour, formatters } = props;
  const { totals, series } = summary;
  const { formatCount, formatDuration, formatPercent, formatTokens, formatUsd } = formatters;
  const valueWidth = Math.max(10, width - labelWidth);
  const row = (label: string, value: string, color?: string) => (
    <Box key={label}>
      <Text>{fitText(label, labelWidth)}</Text>
      <Tone colour={colour} {...(color === undefined ? {} : { color })}>
        {fitText(value, valueWidth).trimEnd()}
      </Tone>
    </Box>
  );
  const errorShare = totals.requests === 0 ? '' : ` (${formatPercent(totals.errors / totals.requests)})`;
  const bucketMinutes = series.bucketMs / 60_000;
  const peakPerMinute = Math.max(0, ...series.counts) / bucketMinutes;
  const repeat = Math.max(1, Math.floor((width - 2) / Math.max(1, series.counts.length)));
  const chartWidth = Math.max(24, series.counts.length * repeat);
  const lines = [
    row('Requests', `${formatCount(totals.requests)}   ok ${formatCount(totals.successes)}   errors ${formatCount(totals.errors)}${errorShare}`),
    row('Errors by type', totals.errorsByType.length === 0 ? '—' : totals.errorsByType.map((error) => `${error.type} ${formatCount(error.count)}`).join(' · '), totals.errors > 0 ? 'red' : undefined),
    row('Tokens', `in ${formatTokens(totals.inputTokens)} · out ${formatTokens(totals.outputTokens)} · cache read ${formatTokens(totals.cacheReadTokens)} · cache write ${formatTokens(totals.cacheWriteTokens)}`),
    row('Cache hit rate', totals.cacheHitRate === null ? '—' : formatPercent(totals.cacheHitRate)),
    row('Latency', totals.latencyMs === null ? '—' : `p50 ${formatDuration(totals.latencyMs.p50)} · p95 ${formatDuration(totals.latencyMs.p95)}`),
    row('First token', totals.timeToFirstTokenMs === null ? '—' : `p50 ${formatDuration(totals.timeToFirstTokenMs.p50)} · p95 ${formatDuration(totals.timeToFirstTokenMs.p95)} (streams)`),
    row(
      'Cost (estimate)',
      `${totals.estimatedCostUsd === null ? '—' : formatUsd(totals.estimatedCostUsd)}${totals.unpricedRequests === 0 ? '' : ` + ${formatCount(totals.unpricedRequests)} ${totals.unpricedRequests === 1 ? 'request' : 'requests'} of unpriced models`}`,
      'yellow',
    ),
  ];
  const chart = [
    <Text key="chart-title">{fitText(`Requests/min (${bucketMinutes} min buckets, peak ${formatRate(peakPerMinute)}/min)`, width).trimEnd()}</Text>,
    <Tone key="chart" colour={colour} color="green">
      {sparkline(series.counts.flatMap((count) => new Array<number>(repeat).fill(count)), chartWidth)}
    </Tone>,
    <Text key="chart-axis">{axis(formatters.formatTime(summary.window.since), formatters.formatTime(summary.window.until), Math.min(width, chartWidth))}</Text>,
  ];
  const room = props.height;
  const withChart = room >= lines.length + 1 + chart.length;
  return (
    <Box flexDirection="column">
      {lines.slice(0, room)}
      {withChart ? <Text key="gap"> </Text> : null}
      {withChart ? chart : null}
    </Box>
  );
}

function formatRate(perMinute: number): string {
  return perMinute >= 10 || Number.isInteger(perMinute) ? String(Math.round(perMinute)) : perMinute.toFixed(1);
}

function axis(left: string, right: string, width: number): string {
  const gap = Math.max(1, width - left.length - right.length);
  return `${left}${' '.repeat(gap)}${right}`;
}
