/** A column of an exported table: its header, how to read it from a row, and its cell type. */
export interface ExportColumn<Row> {
  header: string;
  type: "text" | "number" | "date";
  /** Text, a number, or an ISO timestamp for dates; null leaves the cell empty. */
  value(row: Row): string | number | null;
  /** Spreadsheet column width in characters. */
  width?: number;
}

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** `attachment; filename="…"` with a plain-ASCII name, so no header injection and every browser agrees. */
export function attachmentHeader(baseName: string, format: ExportFormat): string {
  const safe = baseName.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 100) || "export";
  return `attachment; filename="${safe}.${format}"`;
}
