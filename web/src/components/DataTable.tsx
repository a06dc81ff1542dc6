import { type ReactNode, useMemo, useState } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Present = the column is sortable by this value (nulls always last). */
  sortValue?: (row: T) => string | number | null | undefined;
  align?: "left" | "right" | "center";
  /** Hidden below 640 px to keep the table readable on phones. */
  priority?: "high" | "low";
  className?: string;
}

export type SortState = { key: string; direction: "ascending" | "descending" };

interface DataTableProps<T> {
  caption: ReactNode;
  /** Visually hidden caption (still read by screen readers) when a heading already names the table. */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  initialSort?: SortState;
  /** Controlled sorting (server-side sort): the table only reports clicks. */
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
  footer?: ReactNode;
  dense?: boolean;
}

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const aMissing = a === null || a === undefined || a === "";
  const bMissing = b === null || b === undefined || b === "";
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

/** A plain, accessible table: caption, sortable headers (buttons with aria-sort), nothing hidden in canvas. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, caption, captionHidden, empty, rowClassName, footer, dense } = props;
  const [localSort, setLocalSort] = useState<SortState | null>(props.initialSort ?? null);
  const controlled = props.onSortChange !== undefined;
  const sort = controlled ? (props.sort ?? null) : localSort;

  const sorted = useMemo(() => {
    if (controlled || !sort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column?.sortValue) return rows;
    const factor = sort.direction === "ascending" ? 1 : -1;
    const value = column.sortValue;
    return [...rows].sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      const missing = (v: unknown) => v === null || v === undefined || v === "";
      // Missing values stay at the bottom whichever way the column is sorted.
      if (missing(va) || missing(vb)) return compare(va, vb);
      return compare(va, vb) * factor;
    });
  }, [rows, columns, sort, controlled]);

  const toggle = (key: string) => {
    const next: SortState =
      sort?.key === key && sort.direction === "descending"
        ? { key, direction: "ascending" }
        : sort?.key === key
          ? { key, direction: "descending" }
          : {
              key,
              direction:
                typeof columns.find((c) => c.key === key)?.sortValue?.(rows[0]!) === "string"
                  ? "ascending"
                  : "descending",
            };
    if (controlled) props.onSortChange?.(next);
    else setLocalSort(next);
  };

  return (
    <div className="table-scroll">
      <table className={`data-table${dense ? " is-dense" : ""}`}>
        <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.key === column.key;
              const classes = [
                `align-${column.align ?? "left"}`,
                column.priority === "low" ? "low-priority" : "",
              ]
                .filter(Boolean)
                .join(" ");
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={classes}
                  aria-sort={column.sortValue ? (active ? sort!.direction : "none") : undefined}
                >
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(column.key)}>
                      {column.header}
                      <span
                        className={`sort-icon${active ? ` is-${sort!.direction}` : ""}`}
                        aria-hidden="true"
                      />
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table-empty">
                {empty ?? "Nothing to show."}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={[
                      `align-${column.align ?? "left"}`,
                      column.priority === "low" ? "low-priority" : "",
                      column.className ?? "",
                    ]
                      .filter(Boolean)
                      .join(" ")}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </div>
  );
}
