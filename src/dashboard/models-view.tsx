import { TextTable, type TableColumn } from './text-table.js';
import type { ModelRow } from './usage-summary.js';
import { costCell, type BodyProps } from './view-props.js';

/** One row per model asked for, with the Bedrock model that answered. */
export function ModelsView(props: BodyProps) {
  const { formatCount, formatTokens } = props.formatters;
  const columns: ReadonlyArray<TableColumn<ModelRow>> = [
    { header: 'Model', width: 18, maxWidth: 30, align: 'left', priority: 1, cell: (row) => row.model },
    { header: 'Bedrock model', width: 44, align: 'left', priority: 3, cell: (row) => row.bedrockModelId ?? '—' },
    { header: 'Requests', width: 8, align: 'right', priority: 1, cell: (row) => formatCount(row.requests) },
    { header: 'Errors', width: 6, align: 'right', priority: 2, cell: (row) => formatCount(row.errors) },
    { header: 'Input', width: 7, align: 'right', priority: 2, cell: (row) => formatTokens(row.inputTokens) },
    { header: 'Output', width: 7, align: 'right', priority: 2, cell: (row) => formatTokens(row.outputTokens) },
    { header: 'Cache read', width: 10, align: 'right', priority: 4, cell: (row) => formatTokens(row.cacheReadTokens) },
    { header: 'Cache write', width: 11, align: 'right', priority: 4, cell: (row) => formatTokens(row.cacheWriteTokens) },
    { header: 'Cost (est.)', width: 11, align: 'right', priority: 1, cell: (row) => costCell(row.estimatedCostUsd, props.formatters) },
  ];
  return (
    <TextTable
      columns={columns}
      rows={props.summary.byModel}
      rowKey={(row) => row.model}
      width={props.width}
      height={props.height}
      colour={props.colour}
      empty="No requests in this window."
    />
  );
}
