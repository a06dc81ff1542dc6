import type { JobSummary } from "./job.js";

const ERROR_WIDTH = 60;

interface Column {
  header: string;
  value(row: JobSummary): string;
}

const COLUMNS: Column[] = [
  { header: "JOB", value: (row) => row.jobId },
  { header: "ORGANIZATION", value: (row) => row.organizationId },
  { header: "KIND", value: (row) => row.kind },
  { header: "STATUS", value: (row) => row.status },
  { header: "ATTEMPTS", value: (row) => `${row.attempts}/${row.maxAttempts}` },
  { header: "RUN AT", value: (row) => row.runAt },
  { header: "FINISHED AT", value: (row) => row.finishedAt ?? "" },
  { header: "LAST ERROR", value: (row) => truncate(oneLine(row.lastError ?? ""), ERROR_WIDTH) },
];

/** A plain-text table for the terminal: one line per job, columns padded, errors cut to one short line. */
export function formatJobsTable(rows: readonly JobSummary[]): string {
  if (rows.length === 0) return "No jobs.";
  const cells = rows.map((row) => COLUMNS.map((column) => column.value(row)));
  const widths = COLUMNS.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]?.length ?? 0)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [render(COLUMNS.map((column) => column.header)), ...cells.map(render)].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
