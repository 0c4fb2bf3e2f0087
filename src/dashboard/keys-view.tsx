import { TextTable, type TableColumn } from './text-table.js';
import type { KeyRow } from './usage-summary.js';
import { costCell, type BodyProps } from './view-props.js';

/** One row per API key (and `master`, `anonymous`, `unauthenticated`). */
export function KeysView(props: BodyProps) {
  const { formatCount, formatTokens } = props.formatters;
  const columns: ReadonlyArray<TableColumn<KeyRow>> = [
    { header: 'Name', width: 10, maxWidth: 24, align: 'left', priority: 1, cell: (row) => row.name ?? row.keyId },
    { header: 'Key', width: 16, align: 'left', priority: 4, cell: (row) => row.keyId },
    { header: 'User', width: 12, align: 'left', priority: 3, cell: (row) => row.userId ?? '—' },
    { header: 'Requests', width: 8, align: 'right', priority: 1, cell: (row) => formatCount(row.requests) },
    { header: 'Errors', width: 6, align: 'right', priority: 2, cell: (row) => formatCount(row.errors) },
    { header: 'Input', width: 7, align: 'right', priority: 2, cell: (row) => formatTokens(row.inputTokens) },
    { header: 'Output', width: 7, align: 'right', priority: 2, cell: (row) => formatTokens(row.outputTokens) },
    { header: 'Cache read', width: 10, align: 'right', priority: 5, cell: (row) => formatTokens(row.cacheReadTokens) },
    { header: 'Cache write', width: 11, align: 'right', priority: 5, cell: (row) => formatTokens(row.cacheWriteTokens) },
    { header: 'Cost (est.)', width: 11, align: 'right', priority: 1, cell: (row) => costCell(row.estimatedCostUsd, props.formatters) },
  ];
  return (
    <TextTable
      columns={columns}
      rows={props.summary.byKey}
      rowKey={(row) => row.keyId}
      width={props.width}
      height={props.height}
      colour={props.colour}
      empty="No requests in this window."
    />
  );
}
