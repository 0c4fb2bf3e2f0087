import { TextTable, type TableColumn } from './text-table.js';
import type { SessionRow } from './usage-summary.js';
import { costCell, type BodyProps } from './view-props.js';

/** One row per Claude Code session (requests that carried a session id), most recent first. */
export function SessionsView(props: BodyProps) {
  const { formatCount, formatTokens, formatTime } = props.formatters;
  const columns: ReadonlyArray<TableColumn<SessionRow>> = [
    { header: 'Session', width: 12, maxWidth: 36, align: 'left', priority: 1, cell: (row) => row.sessionId },
    { header: 'Key', width: 10, maxWidth: 20, align: 'left', priority: 2, cell: (row) => row.keyName ?? row.keyId },
    { header: 'Requests', width: 8, align: 'right', priority: 1, cell: (row) => formatCount(row.requests) },
    { header: 'Errors', width: 6, align: 'right', priority: 4, cell: (row) => formatCount(row.errors) },
    { header: 'Tokens', width: 7, align: 'right', priority: 1, cell: (row) => formatTokens(row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens) },
    { header: 'Cost (est.)', width: 11, align: 'right', priority: 1, cell: (row) => costCell(row.estimatedCostUsd, props.formatters) },
    { header: 'First seen', width: 11, align: 'left', priority: 3, cell: (row) => formatTime(row.firstSeen) },
    { header: 'Last seen', width: 11, align: 'left', priority: 2, cell: (row) => formatTime(row.lastSeen) },
  ];
  return (
    <TextTable
      columns={columns}
      rows={props.summary.bySession}
      rowKey={(row) => row.sessionId}
      width={props.width}
      height={props.height}
      colour={props.colour}
      empty="No Claude Code sessions in this window."
    />
  );
}
