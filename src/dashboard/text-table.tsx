import { Box, Text } from 'ink';
import { columnGap, fitColumns, fitText, type ColumnSpec } from './fit-columns.js';
import { Tone } from './tone.js';

export interface TableColumn<Row> extends ColumnSpec {
  cell(row: Row): string;
}

export interface TextTableProps<Row> {
  columns: ReadonlyArray<TableColumn<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey(row: Row): string;
  width: number;
  /** Lines available, the header included. */
  height: number;
  colour: boolean;
  empty: string;
}

/** A table that never wraps: columns that do not fit are left out, cells are cut, rows beyond the height are counted. */
export function TextTable<Row>(props: TextTableProps<Row>) {
  const fitted = fitColumns(props.columns, props.width);
  const line = (cells: string[]) => cells.join(' '.repeat(columnGap));
  const room = Math.max(0, props.height - 1);
  const shown = props.rows.length <= room ? props.rows : props.rows.slice(0, Math.max(0, room - 1));
  const hidden = props.rows.length - shown.length;
  return (
    <Box flexDirection="column">
      <Tone colour={props.colour} bold>
        {line(fitted.map((column) => fitText(column.spec.header, column.width, column.spec.align)))}
      </Tone>
      {props.rows.length === 0 ? <Text>{props.empty}</Text> : null}
      {shown.map((row) => (
        <Text key={props.rowKey(row)}>{line(fitted.map((column) => fitText(column.spec.cell(row), column.width, column.spec.align)))}</Text>
      ))}
      {hidden > 0 ? <Text>{`… and ${hidden} more`}</Text> : null}
    </Box>
  );
}
