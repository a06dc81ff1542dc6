/**
 * The analytics benchmark's SQLite databases, cached under os.tmpdir() by generator version, response and
 * partner counts (`partner-nps-bench-analytics-v<version>-<responses>r-<partners>p.db` with a `.json`
 * description), so that a re-run skips the generation of the 10M-response database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDriver from "better-sqlite3";
import { sql } from "kysely";
import { openDatabase } from "../src/db/database.js";
import { migrateToLatest } from "../src/db/migrate.js";
import { GENERATOR_VERSION, populate } from "./analytics-data.js";
import { removeSqliteFiles } from "./lib.js";

const PREFIX = "partner-nps-bench-analytics-";
/** Page cache for the generating connection only (the measured connections keep the app's default). */
const GENERATION_CACHE_KIB = 2_000_000;

export interface Dataset {
  file: string;
  organizationId: string;
  responses: number;
  partners: number;
  /** Wall-clock seconds the generation took (when it was generated, possibly by an earlier run). */
  generatedSeconds: number;
  generatedAt: string;
  batchSize: number;
  /** Rows per table, counted after the generation. */
  tables: TableCounts;
  /** True when this run found it in the cache instead of generating it. */
  reused: boolean;
  fileBytes: number;
}

export interface TableCounts {
  responses: number;
  response_rollups: number;
  score_rollups: number;
  /** The rows of the one-dimension cube the overview reads (dimension 'tier'). */
  score_rollups_tier: number;
}

type Description = Omit<Dataset, "reused" | "fileBytes" | "tables"> & {
  version: number;
  /** Missing in descriptions written before the counts were recorded: counted on first use. */
  tables?: TableCounts;
};

function countTables(file: string): TableCounts {
  const driver = new SqliteDriver(file, { readonly: true });
  try {
    const count = (query: string) => driver.prepare(query).pluck().get() as number;
    return {
      responses: count("select count(*) from responses"),
      response_rollups: count("select count(*) from response_rollups"),
      score_rollups: count("select count(*) from score_rollups"),
      score_rollups_tier: count("select count(*) from score_rollups where dimension = 'tier'"),
    };
  } finally {
    driver.close();
  }
}

export interface DatasetOptions {
  responses: number;
  partners: number;
  batchSize: number;
  /** Generate even if a cached database exists. */
  regenerate: boolean;
  log(message: string): void;
}

export function datasetFile(responses: number, partners: number): string {
  return path.join(os.tmpdir(), `${PREFIX}v${GENERATOR_VERSION}-${responses}r-${partners}p.db`);
}

function describeFile(file: string): string {
  return `${file.slice(0, -".db".length)}.json`;
}

function readCached(file: string, options: DatasetOptions): Description | null {
  try {
    const description = JSON.parse(fs.readFileSync(describeFile(file), "utf8")) as Description;
    const complete =
      description.version === GENERATOR_VERSION &&
      description.responses === options.responses &&
      description.partners === options.partners &&
      fs.existsSync(file);
    return complete ? description : null;
  } catch {
    return null;
  }
}

/**
 * Why the code cannot use a cached database, or null: its migrations, as the server runs them at start-up
 * (a database migrated by other code, e.g. another branch, has migrations this code does not know).
 */
async function migrationProblem(file: string): Promise<string | null> {
  const database = openDatabase(file);
  try {
    await migrateToLatest(database.db, database.schema);
    return null;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).slice(0, 200);
  } finally {
    await database.close();
  }
}

/** The cached database for these counts, generated first (through the product's write path) if needed. */
export async function ensureDataset(options: DatasetOptions): Promise<Dataset> {
  const file = datasetFile(options.responses, options.partners);
  let cached = options.regenerate ? null : readCached(file, options);
  const problem = cached ? await migrationProblem(file) : null;
  if (problem) {
    options.log(`not reusing ${path.basename(file)}: its schema does not match this code (${problem})`);
    cached = null;
  }
  if (cached) {
    options.log(
      `reusing ${path.basename(file)} (${options.responses.toLocaleString("en-US")} responses, generated ${cached.generatedAt} in ${Math.round(cached.generatedSeconds)} s)`,
    );
    if (!cached.tables) {
      cached.tables = countTables(file);
      fs.writeFileSync(describeFile(file), `${JSON.stringify(cached, null, 2)}\n`);
    }
    return { ...cached, tables: cached.tables, file, reused: true, fileBytes: fs.statSync(file).size };
  }
  removeDataset(file);
  // Generated under another name and renamed when complete: an interrupted run leaves no usable-looking file.
  const partial = `${file.slice(0, -".db".length)}.partial-${process.pid}.db`;
  removeSqliteFiles(partial);
  options.log(
    `generating ${path.basename(file)}: ${options.responses.toLocaleString("en-US")} responses, ${options.partners.toLocaleString("en-US")} partners, ${options.batchSize.toLocaleString("en-US")} responses per transaction`,
  );
  const database = openDatabase(partial);
  let populated: Awaited<ReturnType<typeof populate>>;
  try {
    await sql.raw(`pragma cache_size = -${GENERATION_CACHE_KIB}`).execute(database.db);
    populated = await populate(database, options);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
  } catch (error) {
    await database.close();
    removeSqliteFiles(partial);
    throw error;
  }
  await database.close();
  // The last connection's close checkpointed the WAL and removed -wal and -shm.
  fs.renameSync(partial, file);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${partial}${suffix}`, { force: true });
  const tables = countTables(file);
  const description: Description = {
    version: GENERATOR_VERSION,
    file,
    organizationId: populated.organizationId,
    responses: options.responses,
    partners: options.partners,
    generatedSeconds: populated.seconds,
    generatedAt: new Date().toISOString(),
    batchSize: options.batchSize,
    tables,
  };
  fs.writeFileSync(describeFile(file), `${JSON.stringify(description, null, 2)}\n`);
  options.log(`generated in ${Math.round(populated.seconds)} s`);
  return { ...description, tables, reused: false, fileBytes: fs.statSync(file).size };
}

export function removeDataset(file: string): void {
  removeSqliteFiles(file);
  fs.rmSync(describeFile(file), { force: true });
}

/** Removes every cached analytics database (all versions and sizes); returns the names removed. */
export function removeCachedDatasets(): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    fs.rmSync(path.join(os.tmpdir(), name), { force: true });
    removed.push(name);
  }
  return removed;
}
