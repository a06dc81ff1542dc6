import fs from "node:fs";
import path from "node:path";
import SqliteDriver from "better-sqlite3";
import {
  type Insertable,
  type InsertObject,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type Transaction,
} from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";
import { backgroundCheckpoints } from "./sqlite-checkpoints.js";

export type DialectName = "sqlite" | "postgres";
export type Executor = Kysely<Database> | Transaction<Database>;

/** The few ways the two databases genuinely differ, named once instead of `if (sqlite)` everywhere. */
export interface DialectFeatures {
  /** Bind parameters one statement may carry (SQLite 32,766; PostgreSQL 65,535). */
  maxParameters: number;
  /** SQLite has one writer: batch work into few large transactions instead of concurrent ones. */
  singleWriter: boolean;
}

/** Rows of one table, all with the same columns in the same order. */
export type BulkRows<T extends keyof Database> = Insertable<Database[T]>[];

export interface AppDatabase {
  db: Kysely<Database>;
  /**
   * Inserts many rows as fast as the database allows, inside the caller's open transaction:
   * SQLite runs one prepared statement per row (no SQL to build), PostgreSQL sends multi-row inserts.
   */
  bulkInsert<T extends keyof Database>(executor: Executor, table: T, rows: BulkRows<T>): Promise<void>;
  dialect: DialectName;
  features: DialectFeatures;
  /** Where the data lives, with any password removed, for logs and messages. */
  description: string;
  /** The PostgreSQL schema in use (null: the default search path, or SQLite). */
  schema: string | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL schema to use (tests give each run its own). */
  schema?: string;
  poolSize?: number;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function redactUrl(target: string): string {
  return target.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

const BIGINT_OID = 20;
const NUMERIC_OID = 1700;

export function openDatabase(target: string, options: OpenOptions = {}): AppDatabase {
  return isPostgresUrl(target) ? openPostgres(target, options) : openSqlite(target);
}

function openSqlite(file: string): AppDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const driver = new SqliteDriver(file);
  driver.pragma("journal_mode = WAL");
  driver.pragma("synchronous = NORMAL");
  driver.pragma("foreign_keys = ON");
  driver.pragma("busy_timeout = 10000");
  // 64 MiB of page cache (the default is 2 MiB): index lookups of a busy server stay in memory.
  driver.pragma("cache_size = -65536");
  const checkpoints =
    file === ":memory:"
      ? null
      : backgroundCheckpoints(path.resolve(file), { startAfterCommits: 200, intervalMs: 100 });
  // Checkpoints normally run in the background (sqlite-checkpoints.ts); past 10,000 pages (40 MiB) of WAL,
  // SQLite checkpoints at commit itself, as it does at 1,000 pages by default.
  if (checkpoints) driver.pragma("wal_autocheckpoint = 10000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(driver, () => checkpoints?.committed()) }),
  });
  const statements = new Map<string, SqliteDriver.Statement>();
  return {
    db,
    // Kysely drives this same single connection, so these statements join its open transaction.
    bulkInsert: async (_executor, table, rows) => {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const cacheKey = `${table}(${columns.join(",")})`;
      let statement = statements.get(cacheKey);
      if (!statement) {
        const placeholders = columns.map(() => "?").join(", ");
        statement = driver.prepare(
          `insert into "${table}" ("${columns.join('", "')}") values (${placeholders})`,
        );
        statements.set(cacheKey, statement);
      }
      for (const row of rows) statement.run(Object.values(row));
    },
    dialect: "sqlite",
    features: { maxParameters: 32_766, singleWriter: true },
    description: `SQLite ${file}`,
    schema: null,
    close: async () => {
      await checkpoints?.stop();
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 256;
const CACHED_SQL_MAX_LENGTH = 4_096;

/**
 * Kysely prepares every query it runs; preparing costs SQLite more than running a short statement does.
 * Statements are kept by their SQL text, the oldest dropped past the limit (a dropped one that is still
 * used is prepared again); long multi-row statements are not kept. Kysely runs one query at a time on this
 * one connection, so a cached statement is never busy.
 */
function withStatementCache(driver: SqliteDriver.Database, onCommit: () => void): SqliteDatabase {
  const cache = new Map<string, SqliteDriver.Statement>();
  return {
    close: () => driver.close(),
    prepare: (text: string) => {
      // Kysely commits a transaction with this statement.
      if (text === "commit") onCommit();
      const cached = cache.get(text);
      if (cached) return cached;
      const statement = driver.prepare(text);
      if (text.length <= CACHED_SQL_MAX_LENGTH) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

function openPostgres(target: string, options: OpenOptions): AppDatabase {
  const parsed = new URL(target);
  // `?schema=NAME` selects a PostgreSQL schema (tests and multi-instance setups); pg itself ignores it.
  const schema = options.schema ?? parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const url = parsed.toString();
  const pool = new pg.Pool({
    connectionString: url,
    // pg falls back to the OS user when the URL names none; PostgreSQL here expects an explicit one.
    user: decodeURIComponent(parsed.username) || "postgres",
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${assertIdentifier(schema)}` } : {}),
    types: {
      // Counts and sums come back as bigint/numeric strings; our counts fit safely in a double.
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === BIGINT_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection closed by the server (restart, failover) must not crash the process;
  // the pool drops that client and the next query opens a new one.
  pool.on("error", () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    bulkInsert: insertInChunks,
    dialect: "postgres",
    features: { maxParameters: 65_535, singleWriter: false },
    description: `PostgreSQL ${redactUrl(url)}${schema ? ` (schema ${schema})` : ""}`,
    schema: schema ?? null,
    close: () => db.destroy(),
  };
}

function assertIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name))
    throw new Error(`Invalid PostgreSQL schema name "${name}"`);
  return name;
}

/** Multi-row inserts sized to PostgreSQL's 65,535 bind parameters. */
async function insertInChunks<T extends keyof Database>(
  executor: Executor,
  table: T,
  rows: BulkRows<T>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const perStatement = Math.floor(65_535 / Object.keys(first).length);
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely cannot relate a generic table name to its row type; the rows are that table's Insertable.
    const chunk = rows.slice(i, i + perStatement) as unknown as readonly InsertObject<Database, T>[];
    await executor.insertInto(table).values(chunk).execute();
  }
}
