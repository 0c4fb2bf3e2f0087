import Table from 'cli-table3';
import type { Formatters } from './formatters.js';
import { sparkline } from './sparkline.js';
import type { RowTotals, UsageSummary } from './usage-summary.js';

type Cell = string | number;

/** `proxy usage --no-tui`: the summary as plain tables, every row, no colour. */
export function formatUsageTables(summary: UsageSummary, formatters: Formatters): string {
  const { totals } = summary;
  const { formatCount, formatDuration, formatPercent, formatTokens, formatUsd, formatTime } = formatters;
  const estimate = (value: number | null) => (value === null ? '—' : `${formatUsd(value)} (estimate)`);
  const filters = [summary.filter.key === null ? undefined : `key ${summary.filter.key}`, summary.filter.model === null ? undefined : `model ${summary.filter.model}`].filter((part) => part !== undefined);
  const sections = [
    `Usage from ${formatTime(summary.window.since)} to ${formatTime(summary.window.until)} UTC${filters.length === 0 ? '' : ` (${filters.join(', ')})`}`,
    table(['Total', 'Value'], [
      ['Requests', formatCount(totals.requests)],
      ['Errors', `${formatCount(totals.errors)}${totals.errorsByType.length === 0 ? '' : ` (${totals.errorsByType.map((error) => `${error.type} ${formatCount(error.count)}`).join(', ')})`}`],
      ['Input tokens', formatTokens(totals.inputTokens)],
      ['Output tokens', formatTokens(totals.outputTokens)],
      ['Cache read tokens', formatTokens(totals.cacheReadTokens)],
      ['Cache write tokens', formatTokens(totals.cacheWriteTokens)],
      ['Cache hit rate', totals.cacheHitRate === null ? '—' : formatPercent(totals.cacheHitRate)],
      ['Latency p50 / p95', totals.latencyMs === null ? '—' : `${formatDuration(totals.latencyMs.p50)} / ${formatDuration(totals.latencyMs.p95)}`],
      ['Time to first token p50 / p95', totals.timeToFirstTokenMs === null ? '—' : `${formatDuration(totals.timeToFirstTokenMs.p50)} / ${formatDuration(totals.timeToFirstTokenMs.p95)}`],
      ['Cost', `${estimate(totals.estimatedCostUsd)}${totals.unpricedRequests === 0 ? '' : `, ${formatCount(totals.unpricedRequests)} ${totals.unpricedRequests === 1 ? 'request' : 'requests'} of unpriced models left out`}`],
    ]),
    `Requests per ${summary.series.bucketMs / 60_000} min: ${sparkline(summary.series.counts, summary.series.counts.length)}`,
    table(['Key', 'Name', 'User', ...numberHeads], summary.byKey.map((row) => [row.keyId, row.name ?? '—', row.userId ?? '—', ...numberCells(row, formatters)])),
    table(['Model', 'Bedrock model', ...numberHeads], summary.byModel.map((row) => [row.model, row.bedrockModelId ?? '—', ...numberCells(row, formatters)])),
    table(['Claude Code session', 'Key', 'First seen', 'Last seen', ...numberHeads], summary.bySession.map((row) => [row.sessionId, row.keyName ?? row.keyId, formatTime(row.firstSeen), formatTime(row.lastSeen), ...numberCells(row, formatters)])),
    `Costs are estimates at Anthropic's list prices of ${summary.pricing.date}; — means the model has no price.`,
  ];
  return sections.join('\n\n');
}

const numberHeads = ['Requests', 'Errors', 'Input', 'Output', 'Cache read', 'Cache write', 'Cost (estimate)'];

function numberCells(row: RowTotals, formatters: Formatters): Cell[] {
  return [
    formatters.formatCount(row.requests),
    formatters.formatCount(row.errors),
    formatters.formatTokens(row.inputTokens),
    formatters.formatTokens(row.outputTokens),
    formatters.formatTokens(row.cacheReadTokens),
    formatters.formatTokens(row.cacheWriteTokens),
    row.estimatedCostUsd === null ? '—' : formatters.formatUsd(row.estimatedCostUsd),
  ];
}

function table(head: string[], rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const rendered = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) rendered.push(row.map(String));
  if (rows.length === 0) rendered.push([{ colSpan: head.length, content: 'none' }]);
  return rendered.toString();
}
