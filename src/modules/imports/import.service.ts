import { type Clock, systemClock } from "../../core/clock.js";
import { CsvError } from "../../core/csv/errors.js";
import { applyMapping, parseMapSpec, resolveMapping } from "../../core/csv/mapping.js";
import { readCsvBytes } from "../../core/csv/records.js";
import { DomainError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { emptyDeltas } from "../../core/rollups.js";
import type { AppDatabase } from "../../db/database.js";
import { applyRollupDeltas } from "../rollups/rollup.repository.js";
import type { BatchOutcome, Importer, ImportOptions, ImportReport, ParsedRow } from "./import.js";
import { findSavedMapping, insertImportRecord, saveMapping } from "./import.repository.js";
import { importerFor } from "./importers.js";

const BATCH_SIZE = 5_000;
/** Rollup keys held before writing them mid-import (a few hundred bytes each). */
const ROLLUP_FLUSH_KEYS = 500_000;

/** Thrown inside the transaction to undo everything: the import is refused as a whole or was a dry run. */
class RollbackImport extends Error {}

function emptyReport(options: ImportOptions): ImportReport {
  return {
    kind: options.kind,
    file: options.fileName,
    encoding: options.encoding ?? "auto",
    delimiter: options.delimiter ?? "auto",
    mapping: {},
    rows: 0,
    accepted: 0,
    rejected: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    dry_run: options.dryRun === true,
    committed: false,
    import_id: null,
    warnings: [],
    errors: [],
  };
}

/**
 * Imports a CSV file in one transaction: every row is validated, every rejected row reported with its row,
 * column and reason; by default any rejection (or a dry run) rolls the whole file back.
 */
export async function importCsv(
  database: AppDatabase,
  organizationId: string,
  options: ImportOptions,
  clock: Clock = systemClock,
): Promise<ImportReport> {
  const report = emptyReport(options);
  const importer = importerFor(options.kind, organizationId);
  const importId = newId(clock.now().getTime());
  const now = clock.now().toISOString();
  try {
    const file = readCsvBytes(options.bytes, {
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    });
    report.encoding = file.encoding.encoding;
    report.delimiter = file.delimiter.delimiter;
    report.warnings.push(...file.warnings);
    const saved = options.mappingName
      ? await findSavedMapping(database.db, organizationId, options.kind, options.mappingName)
      : {};
    if (saved === null)
      throw new CsvError("mapping_syntax", `No saved ${options.kind} mapping named "${options.mappingName}"`);
    const explicit = {
      ...saved,
      ...(typeof options.map === "string" ? parseMapSpec(options.map) : options.map),
    };
    const mapping = resolveMapping(file.header, importer.fields, explicit);
    report.mapping = mapping.columns;
    const mappingProblem = importer.checkMapping?.(mapping.columns, options);
    if (mappingProblem) throw new CsvError("mapping_missing_required", mappingProblem);

    // Decimal commas are only unambiguous when the delimiter is not a comma.
    const parseOptions = { ...options, delimiter: report.delimiter };
    const columnOf = (field: string | null) => (field ? (mapping.columns[field] ?? field) : null);
    const estimatedRows = options.onProgress ? countLines(options.bytes) : 1;

    await database.db.transaction().execute(async (trx) => {
      const rollups = emptyDeltas();
      const context = { database, trx, organizationId, importId, now, clock, options, rollups };
      const writeRollups = async () => {
        await applyRollupDeltas(trx, organizationId, rollups, database.features);
        rollups.partner.clear();
      };
      const seen = new Map<string, number>();
      let batch: ParsedRow<unknown>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const outcome: BatchOutcome = await importer.persist(batch, context);
        report.inserted += outcome.inserted;
        report.updated += outcome.updated;
        report.unchanged += outcome.unchanged;
        report.errors.push(...outcome.errors);
        batch = [];
        if (rollups.partner.size >= ROLLUP_FLUSH_KEYS) await writeRollups();
      };
      for (const item of file.records) {
        report.rows++;
        if (!item.ok) {
          report.errors.push({ row: item.row, column: item.column, reason: item.reason });
          continue;
        }
        const parsed = importer.parse(applyMapping(item.values, mapping), parseOptions);
        if ("errors" in parsed) {
          for (const e of parsed.errors)
            report.errors.push({ row: item.row, column: columnOf(e.field), reason: e.reason });
          continue;
        }
        const key = importer.keyOf(parsed.value);
        if (key !== null) {
          const first = seen.get(key);
          if (first !== undefined) {
            report.errors.push({
              row: item.row,
              column: null,
              reason: `duplicate of row ${first} (same ${describeKey(importer)})`,
            });
            continue;
          }
          seen.set(key, item.row);
        }
        batch.push({ row: item.row, value: parsed.value });
        if (batch.length >= BATCH_SIZE) {
          await flush();
          options.onProgress?.({ rows: report.rows, fraction: Math.min(1, report.rows / estimatedRows) });
        }
      }
      await flush();
      options.onProgress?.({ rows: report.rows, fraction: 1 });
      report.errors.sort((a, b) => a.row - b.row);
      report.rejected = new Set(report.errors.map((e) => e.row)).size;
      report.accepted = report.inserted + report.updated + report.unchanged;
      const refused = report.rejected > 0 && !options.skipInvalid;
      if (refused || options.dryRun) throw new RollbackImport();
      await writeRollups();
      await insertImportRecord(trx, {
        organization_id: organizationId,
        import_id: importId,
        kind: options.kind,
        file_name: options.fileName,
        encoding: report.encoding,
        delimiter: report.delimiter,
        status: report.rejected > 0 ? "completed_with_rejections" : "completed",
        accepted: report.accepted,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
        errors: JSON.stringify(report.errors.slice(0, 10_000)),
        created_by: options.actor,
        created_at: now,
      });
      if (options.saveMappingAs) {
        await saveMapping(trx, {
          organization_id: organizationId,
          mapping_id: newId(clock.now().getTime()),
          kind: options.kind,
          name: options.saveMappingAs,
          mapping: JSON.stringify(mapping.columns),
          created_at: now,
        });
      }
    });
    report.committed = true;
    report.import_id = importId;
  } catch (error) {
    if (error instanceof RollbackImport) {
      if (report.rejected > 0 && !options.skipInvalid) {
        report.warnings.push(
          `Nothing was imported: ${report.rejected} row(s) were rejected. Fix them, or pass --skip-invalid to import the ${report.accepted} valid row(s).`,
        );
      }
      return report;
    }
    if (error instanceof DomainError) {
      report.errors.push({ row: 1, column: columnFromError(error), reason: error.message });
      report.rejected = report.rows;
      report.accepted = 0;
      report.inserted = report.updated = report.unchanged = 0;
      return report;
    }
    throw error;
  }
  return report;
}

function describeKey(importer: Importer<unknown>): string {
  return importer.kind === "metrics" ? "partner, metric and period" : "external id";
}

function columnFromError(error: DomainError): string | null {
  const context = (error as { context?: { column?: unknown } }).context;
  return typeof context?.column === "string" ? context.column : null;
}

/** Line count of the file, for the progress bar's denominator (quoted multi-line cells make it an estimate). */
function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
  return Math.max(1, lines);
}
