import type { Readable } from "node:stream";
import { Readable as ReadableStream } from "node:stream";
import { csvChunks } from "../exports/csv-export.js";
import type { ExportColumn, ExportFormat } from "../exports/table-export.js";
import { xlsxStream } from "../exports/xlsx-export.js";
import type { ExplorerItem } from "./response-explorer.js";

/** The columns of a responses export, in the order people read them. */
export const responseExportColumns: ExportColumn<ExplorerItem>[] = [
  { header: "Responded at", type: "date", value: (r) => r.respondedAt, width: 18 },
  { header: "Partner", type: "text", value: (r) => r.partner.name, width: 28 },
  { header: "Tier", type: "text", value: (r) => r.partner.tier },
  { header: "Contact", type: "text", value: (r) => r.contact?.name ?? null, width: 22 },
  { header: "Role", type: "text", value: (r) => r.contact?.role ?? null },
  { header: "Score", type: "number", value: (r) => r.score, width: 8 },
  { header: "Category", type: "text", value: (r) => r.category, width: 11 },
  { header: "Comment", type: "text", value: (r) => r.comment, width: 60 },
  { header: "Survey", type: "text", value: (r) => r.survey?.name ?? null, width: 22 },
  { header: "Wave", type: "text", value: (r) => r.wave?.name ?? null, width: 22 },
  { header: "Language", type: "text", value: (r) => r.language, width: 9 },
  { header: "Response id", type: "text", value: (r) => r.responseId, width: 28 },
  { header: "Partner id", type: "text", value: (r) => r.partner.partnerId, width: 28 },
];

export function responseExportStream(format: ExportFormat, batches: AsyncIterable<ExplorerItem[]>): Readable {
  return format === "csv"
    ? ReadableStream.from(csvChunks(responseExportColumns, batches))
    : xlsxStream("Responses", responseExportColumns, batches);
}
