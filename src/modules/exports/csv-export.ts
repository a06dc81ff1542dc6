import type { ExportColumn } from "./table-export.js";

/** Excel reads a UTF-8 file as UTF-8 only when it starts with this mark. */
export const UTF8_BOM = "\uFEFF";

/** Spreadsheets run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-looking text is defused with a leading quote, then quoted when needed. */
export function csvCell(value: string | number | null, type: ExportColumn<unknown>["type"]): string {
  if (value === null) return "";
  let text = String(value);
  // Numbers are written by us, so a negative number stays a number; text from users is defused.
  if (type !== "number" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine<Row>(columns: ExportColumn<Row>[], row: Row): string {
  return `${columns.map((c) => csvCell(c.value(row), c.type)).join(",")}\r\n`;
}

/** The whole file as a stream of chunks: BOM and header first, then one line per row. */
export async function* csvChunks<Row>(
  columns: ExportColumn<Row>[],
  batches: AsyncIterable<Row[]>,
): AsyncGenerator<string> {
  yield `${UTF8_BOM}${columns.map((c) => csvCell(c.header, "text")).join(",")}\r\n`;
  for await (const batch of batches) yield batch.map((row) => csvLine(columns, row)).join("");
}
