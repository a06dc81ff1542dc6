import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { systemClock } from "../../core/clock.js";
import { parseMapSpec } from "../../core/csv/mapping.js";
import { ValidationError } from "../../core/errors.js";
import { createJobRunner } from "../../modules/background/background-jobs.js";
import { IMPORT_JOB, type ImportJobPayload } from "../../modules/imports/import.job.js";
import { type ImportKind, type ImportReport, importKinds } from "../../modules/imports/import.js";
import { enqueueJob } from "../../modules/jobs/job.service.js";
import { cliOrganization, printJson, withDatabase } from "../cli-context.js";
import { createProgressBar } from "../progress-bar.js";

interface ImportCliOptions {
  map?: string[];
  mapping?: string;
  saveMapping?: string;
  encoding?: string;
  delimiter?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  partner?: string;
  dayFirst?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerImportCommands(program: Command): void {
  program
    .command("import <kind> <file>")
    .description(`Import a CSV file of ${importKinds.join(", ")} (all-or-nothing unless --skip-invalid)`)
    .option(
      "--map <field=column,...>",
      "map fields to columns, e.g. score=nps,comment=explication (repeatable)",
      collect,
    )
    .option("--mapping <name>", "start from a saved mapping")
    .option("--save-mapping <name>", "save the mapping used under this name")
    .option("--encoding <name>", "auto (default), utf-8, windows-1252, iso-8859-1 or cp850")
    .option("--delimiter <char>", "auto (default), comma, semicolon or tab")
    .option("--dry-run", "validate and report without writing anything")
    .option("--skip-invalid", "import the valid rows and report the rejected ones")
    .option("--partner <name>", "assign every row to this partner (created if absent)")
    .option("--day-first", "read dates like 05/03/2026 as 5 March")
    .option("--json", "print the report as JSON")
    .action(async (kind: string, file: string, options: ImportCliOptions, command: Command) => {
      if (!(importKinds as readonly string[]).includes(kind)) {
        throw new ValidationError(`Unknown import kind "${kind}"; use one of ${importKinds.join(", ")}`);
      }
      if (!fs.existsSync(file)) throw new ValidationError(`No such file: ${file}`);
      const report = await withDatabase(command, async (database) => {
        const organization = await cliOrganization(command, database, true);
        const payload: ImportJobPayload = {
          kind: kind as ImportKind,
          path: path.resolve(file),
          fileName: path.basename(file),
          ...(options.map ? { map: parseMapSpec(options.map) } : {}),
          ...(options.mapping ? { mappingName: options.mapping } : {}),
          ...(options.saveMapping ? { saveMappingAs: options.saveMapping } : {}),
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(options.delimiter ? { delimiter: options.delimiter } : {}),
          dryRun: options.dryRun === true,
          skipInvalid: options.skipInvalid === true,
          ...(options.partner ? { partnerName: options.partner } : {}),
          dayFirst: options.dayFirst === true,
          actor: "cli",
        };
        const { job } = await enqueueJob(database.db, {
          organizationId: organization.organization_id,
          kind: IMPORT_JOB,
          payload,
          maxAttempts: 1,
        });
        const bar = options.json ? null : createProgressBar(`import ${kind}`);
        let result: ImportReport | null = null;
        const runner = createJobRunner(
          { database, clock: systemClock },
          {
            importHooks: {
              ...(bar ? { onProgress: bar.update } : {}),
              onReport: (_jobId, report) => {
                result = report;
              },
            },
          },
        );
        await runner.runJob(organization.organization_id, job.job_id);
        bar?.done();
        if (!result)
          throw new Error(`The import job ${job.job_id} did not finish; see \`partner-nps jobs list\``);
        return result as ImportReport;
      });
      if (options.json) printJson(report);
      else process.stdout.write(formatImportReport(report));
      if (!report.committed && !(report.dry_run && report.errors.length === 0)) process.exitCode = 1;
    });
}

export function formatImportReport(report: ImportReport): string {
  const lines = [
    `${report.file}: ${report.rows} rows (${report.encoding}, delimiter ${JSON.stringify(report.delimiter)})`,
    `accepted ${report.accepted} (new ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}), rejected ${report.rejected}`,
    report.dry_run
      ? "dry run: nothing was written"
      : report.committed
        ? `imported as ${report.import_id}`
        : "nothing was written",
  ];
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  const shown = report.errors.slice(0, 50);
  for (const e of shown) lines.push(`  row ${e.row}${e.column ? `, column ${e.column}` : ""}: ${e.reason}`);
  if (report.errors.length > shown.length)
    lines.push(`  … and ${report.errors.length - shown.length} more (use --json for all)`);
  return `${lines.join("\n")}\n`;
}
