// The header row of a data table: every column a <th scope="col">, so screen readers announce each
// cell with its column's name.
import { TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { ReactNode } from "react";

export function ColumnHeaders({
  columns,
  classNames = [],
}: {
  columns: readonly ReactNode[];
  /** Per column, by position (e.g. a width from useTableStyles). */
  classNames?: readonly (string | undefined)[];
}) {
  return (
    <TableHeader>
      <TableRow>
        {columns.map((label, i) => (
          // The columns of a table are fixed, so their position is their identity.
          <TableHeaderCell key={i} scope="col" className={classNames[i]}>
            {label}
          </TableHeaderCell>
        ))}
      </TableRow>
    </TableHeader>
  );
}
