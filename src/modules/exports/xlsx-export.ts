import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { ExportColumn } from "./table-export.js";

/**
 * Streams a one-sheet workbook: header row frozen with an autofilter, numbers as numbers and dates as
 * dates. Rows are committed as they come, so a large export never sits in memory whole.
 */
export function xlsxStream<Row>(
  sheetName: string,
  columns: ExportColumn<Row>[],
  batches: AsyncIterable<Row[]>,
): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width ?? 16,
    ...(c.type === "date" ? { style: { numFmt: "yyyy-mm-dd hh:mm" } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const batch of batches) {
      for (const row of batch) {
        sheet
          .addRow(
            columns.map((c) => {
              const value = c.value(row);
              if (value === null) return null;
              if (c.type === "date") return new Date(String(value));
              return value;
            }),
          )
          .commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) =>
    output.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return output;
}
