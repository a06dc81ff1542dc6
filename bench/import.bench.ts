/**
 * Import benchmark: a generated 1,000,000-row responses CSV through the real import path (`importCsv`),
 * in rows/s, against a raw better-sqlite3 bulk insert of the same rows in the same run (goal ≥ 0.25),
 * plus the same on PostgreSQL when it is reachable (extra figures, no goal).
 * Flags: --rows=N (default 1,000,000), --partners=N (default 2,000), --postgres=off.
 */
import fs from "node:fs";
import path from "node:path";
import SqliteDriver from "better-sqlite3";
import { systemClock } from "../src/core/clock.js";
import { type AppDatabase, openDatabase } from "../src/db/database.js";
import { importCsv } from "../src/modules/imports/import.service.js";
import {
  flagParam,
  formatNumber,
  intParam,
  median,
  ratioMet,
  removeSqliteFiles,
  type Timing,
  timed,
} from "./lib.js";
import { multiRowInsert, postgresProblem, postgresUrl, withClient, withSchema } from "./postgres.js";
import { generatePartners, seedDatabase, writeResponsesCsv } from "./responses-data.js";
import type { BenchOptions, BenchResult, Ratio } from "./types.js";

export const name = "import";

const GOAL = 0.25;

/** The rows the import wrote, read back in insertion order: the baselines insert exactly these values. */
interface WrittenRows {
  columns: string[];
  rows: unknown[][];
  responseRollups: number;
  scoreRollups: number;
}

async function runImport(database: AppDatabase, organizationId: string, csvFile: string, rows: number) {
  const timing = await timed(async () => {
    const bytes = await fs.promises.readFile(csvFile);
    return importCsv(
      database,
      organizationId,
      { kind: "responses", fileName: path.basename(csvFile), bytes, actor: "bench" },
      systemClock,
    );
  });
  const report = timing.value;
  if (!report.committed || report.inserted !== rows || report.rejected !== 0) {
    const first = report.errors[0];
    throw new Error(
      `import wrote ${report.inserted}/${rows} rows, ${report.rejected} rejected${first ? ` (row ${first.row}: ${first.reason})` : ""}`,
    );
  }
  return timing;
}

function readWrittenRows(file: string): WrittenRows {
  const driver = new SqliteDriver(file, { readonly: true });
  try {
    const select = driver.prepare("select * from responses order by rowid").raw(true);
    const count = (table: string) => driver.prepare(`select count(*) from ${table}`).pluck().get() as number;
    return {
      columns: select.columns().map((column) => column.name),
      rows: select.all() as unknown[][],
      responseRollups: count("response_rollups"),
      scoreRollups: count("score_rollups"),
    };
  } finally {
    driver.close();
  }
}

/** One prepared statement, one transaction, the app's pragmas (WAL, synchronous=NORMAL, foreign keys). */
async function rawSqliteInsert(file: string, written: WrittenRows): Promise<Timing<void>> {
  const driver = new SqliteDriver(file);
  try {
    driver.pragma("journal_mode = WAL");
    driver.pragma("synchronous = NORMAL");
    driver.pragma("foreign_keys = ON");
    const placeholders = written.columns.map(() => "?").join(", ");
    const insert = driver.prepare(
      `insert into responses ("${written.columns.join('", "')}") values (${placeholders})`,
    );
    const insertAll = driver.transaction((rows: unknown[][]) => {
      for (const row of rows) insert.run(row);
    });
    return await timed(() => insertAll(written.rows));
  } finally {
    driver.close();
  }
}

export async function run({ repetitions, tmpDir, log, params }: BenchOptions): Promise<BenchResult> {
  const rows = intParam(params, "rows", 1_000_000);
  const partners = generatePartners(intParam(params, "partners", 2_000));
  const notes: string[] = [];

  const csvFile = path.join(tmpDir, "responses.csv");
  log(`writing a ${rows.toLocaleString("en-US")}-row responses CSV`);
  const csvBytes = writeResponsesCsv(csvFile, rows, partners);
  const template = path.join(tmpDir, "template.db");
  const seeded = await seedDatabase(template, partners);
  const organization = seeded.organization;
  await seeded.database.close();

  let postgres = flagParam(params, "postgres", true);
  if (!postgres) notes.push("PostgreSQL was skipped (`--postgres=off`).");
  const problem = postgres ? await postgresProblem() : null;
  if (problem) {
    postgres = false;
    notes.push(`PostgreSQL at ${postgresUrl} was unreachable (${problem}): its figures are missing.`);
    log(`PostgreSQL unreachable, skipping it: ${problem}`);
  }
  // A fresh schema seeded like the SQLite databases (same organization and partner ids), dropped afterwards.
  const inSeededSchema = <T>(work: (database: AppDatabase, schema: string) => Promise<T>) =>
    withSchema("bench_import", async (schema) => {
      const seeded = await seedDatabase(postgresUrl, partners, { schema, organization });
      try {
        return await work(seeded.database, schema);
      } finally {
        await seeded.database.close();
      }
    });

  const sqliteImport: number[] = [];
  const sqliteRaw: number[] = [];
  const importCpu: number[] = [];
  const rawCpu: number[] = [];
  const pgImport: number[] = [];
  const pgRaw: number[] = [];
  let written: WrittenRows | null = null;
  const rate = (seconds: number) => rows / seconds;
  const show = (samples: number[]) => `${formatNumber(samples.at(-1)!)} rows/s`;

  for (let rep = 1; rep <= repetitions; rep++) {
    const importFile = path.join(tmpDir, `import-${rep}.db`);
    fs.copyFileSync(template, importFile);
    const database = openDatabase(importFile);
    try {
      const timing = await runImport(database, organization.organization_id, csvFile, rows);
      sqliteImport.push(rate(timing.seconds));
      importCpu.push(timing.cpuSeconds);
    } finally {
      await database.close();
    }
    log(`rep ${rep}/${repetitions}: SQLite import ${show(sqliteImport)}`);
    written ??= readWrittenRows(importFile);
    removeSqliteFiles(importFile);

    const rawFile = path.join(tmpDir, `raw-${rep}.db`);
    fs.copyFileSync(template, rawFile);
    const raw = await rawSqliteInsert(rawFile, written);
    sqliteRaw.push(rate(raw.seconds));
    rawCpu.push(raw.cpuSeconds);
    removeSqliteFiles(rawFile);
    log(`rep ${rep}/${repetitions}: SQLite raw insert ${show(sqliteRaw)}`);

    if (!postgres) continue;
    try {
      const pgTiming = await inSeededSchema((db) =>
        runImport(db, organization.organization_id, csvFile, rows),
      );
      log(`rep ${rep}/${repetitions}: PostgreSQL import ${formatNumber(rate(pgTiming.seconds))} rows/s`);
      const { columns, rows: values } = written;
      const rawSeconds = await inSeededSchema((_db, schema) =>
        withClient((client) => multiRowInsert(client, "responses", columns, values), schema),
      );
      pgImport.push(rate(pgTiming.seconds));
      pgRaw.push(rate(rawSeconds));
      log(`rep ${rep}/${repetitions}: PostgreSQL multi-row insert ${show(pgRaw)}`);
    } catch (error) {
      postgres = false;
      const reason = String(error instanceof Error ? error.message : error).slice(0, 160);
      notes.push(`PostgreSQL failed in repetition ${rep} (${reason}); its figures cover the ones before.`);
      log(`PostgreSQL failed, skipping it from now on: ${reason}`);
    }
  }

  const pairs = (a: number[], b: number[]) => a.map((value, i) => value / b[i]!);
  const goal: Ratio = {
    label: "SQLite import ÷ SQLite raw insert",
    samples: pairs(sqliteImport, sqliteRaw),
    atLeast: GOAL,
  };
  const ratios: Ratio[] = [
    goal,
    {
      label: "SQLite, by CPU time: raw insert CPU s ÷ import CPU s (cross-check)",
      samples: pairs(rawCpu, importCpu),
    },
  ];
  const figures = [
    { label: "SQLite: import (`importCsv`)", unit: "rows/s", samples: sqliteImport },
    { label: "SQLite: raw bulk insert (baseline)", unit: "rows/s", samples: sqliteRaw },
    { label: "SQLite: import wall time", unit: "s", samples: sqliteImport.map((r) => rows / r) },
    { label: "SQLite: import CPU time (user + system)", unit: "s", samples: importCpu },
    { label: "SQLite: raw bulk insert CPU time (user + system)", unit: "s", samples: rawCpu },
  ];
  if (pgImport.length > 0) {
    figures.push(
      { label: "PostgreSQL: import (`importCsv`)", unit: "rows/s", samples: pgImport },
      { label: "PostgreSQL: raw multi-row insert (baseline)", unit: "rows/s", samples: pgRaw },
    );
    ratios.push(
      { label: "PostgreSQL import ÷ SQLite raw insert", samples: pairs(pgImport, sqliteRaw) },
      { label: "PostgreSQL import ÷ PostgreSQL raw multi-row insert", samples: pairs(pgImport, pgRaw) },
    );
  }
  notes.push(
    `Input: ${rows.toLocaleString("en-US")} rows, ${(csvBytes / 2 ** 20).toFixed(1)} MiB of UTF-8 CSV (external_id, partner name, score, comment empty for ~60% of rows, submitted_at over 2023–2025), naming ${partners.length.toLocaleString("en-US")} partners created beforehand.`,
    "The import figure covers reading the file, decoding, parsing, validation, duplicate detection, partner lookup, the response inserts, the rollup upserts and the import record, in one transaction.",
    `The baselines insert exactly the rows the first import wrote (read back, same ${written?.columns.length ?? "?"} column values) into a copy of the same freshly migrated database (organization and partners, foreign keys on). They do not maintain the rollup tables, which the import also writes (${written?.responseRollups.toLocaleString("en-US") ?? "?"} response_rollups and ${written?.scoreRollups.toLocaleString("en-US") ?? "?"} score_rollups rows here).`,
    "CPU times are this process's user + system seconds, so they leave out the PostgreSQL server and the time spent waiting for other processes: on a shared machine they vary less than wall-clock rates. The goal is judged on the wall-clock rates.",
    "SQLite baseline: better-sqlite3, one prepared statement, one transaction, WAL + synchronous=NORMAL as the app uses. PostgreSQL baseline: raw `pg` multi-row inserts of as many rows as 65,535 parameters allow, in one transaction, in a fresh schema (dropped afterwards) on the same server as the import.",
  );
  return {
    title: `Import: ${rows.toLocaleString("en-US")}-row responses CSV`,
    description:
      "`importCsv(kind: responses)` on a generated CSV, in rows/s, against a raw bulk insert of the same rows into the same schema in the same run.",
    figures,
    ratios,
    goal: `SQLite import ≥ ${GOAL} × raw better-sqlite3 bulk insert (median ${formatNumber(median(goal.samples))})`,
    met: ratioMet(goal),
    notes,
  };
}
