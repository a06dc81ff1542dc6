import type { Clock } from "../../core/clock.js";
import type { FieldSpec } from "../../core/csv/mapping.js";
import type { RollupDeltas } from "../../core/rollups.js";
import type { AppDatabase, Executor } from "../../db/database.js";

export const importKinds = ["partners", "contacts", "responses", "metrics"] as const;
export type ImportKind = (typeof importKinds)[number];

/** One rejected row: the spreadsheet row number (header = 1), the column concerned (or null) and why. */
export interface RowError {
  row: number;
  column: string | null;
  reason: string;
}

export interface ImportOptions {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** Explicit field → column mapping (`--map`), applied over a saved mapping and auto-mapping. */
  map?: Record<string, string> | string;
  /** Name of a saved mapping to start from. */
  mappingName?: string;
  /** Save the resolved mapping under this name once the import succeeds. */
  saveMappingAs?: string;
  encoding?: string;
  delimiter?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** Assign every row to this partner (created if absent); for files without partner columns. */
  partnerName?: string;
  /** Read slashed dates as DD/MM/YYYY. */
  dayFirst?: boolean;
  actor: string;
  onProgress?: (progress: { rows: number; fraction: number }) => void;
}

export interface ImportReport {
  kind: ImportKind;
  file: string;
  encoding: string;
  delimiter: string;
  mapping: Record<string, string>;
  /** Data rows read from the file. */
  rows: number;
  /** Valid rows (new, updated or already present). */
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dry_run: boolean;
  /** Whether anything was written: false for dry runs and for imports refused as a whole. */
  committed: boolean;
  import_id: string | null;
  warnings: string[];
  errors: RowError[];
}

/** What the pipeline hands an importer for one batch of valid, de-duplicated rows. */
export interface BatchContext {
  database: AppDatabase;
  trx: Executor;
  organizationId: string;
  importId: string;
  now: string;
  clock: Clock;
  options: ImportOptions;
  /**
   * Rollup count changes of the rows written so far: importers add to them, the pipeline writes them in
   * the same transaction (when they grow large, and before committing), so each rollup key is written once
   * per import instead of once per batch.
   */
  rollups: RollupDeltas;
}

export interface ParsedRow<Row> {
  row: number;
  value: Row;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows refused once the database was consulted (e.g. an unknown partner). */
  errors: RowError[];
}

export type FieldValues = Record<string, string | null>;

/** Per-kind import rules: which fields, how a row is read and keyed, and how a batch is written. */
export interface Importer<Row> {
  kind: ImportKind;
  fields: FieldSpec[];
  /** Reads one row's mapped values; errors name fields, which the pipeline turns into column names. */
  parse(
    values: FieldValues,
    options: ImportOptions,
  ): { value: Row } | { errors: { field: string | null; reason: string }[] };
  /** The identity used for in-file duplicate detection and idempotent re-imports (null: none). */
  keyOf(row: Row): string | null;
  /** Checks the file as a whole once the mapping is known (e.g. responses need a partner column or --partner). */
  checkMapping?(columns: Record<string, string>, options: ImportOptions): string | null;
  persist(batch: ParsedRow<Row>[], context: BatchContext): Promise<BatchOutcome>;
}
