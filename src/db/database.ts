import fs from "node:fs";
import path from "node:path";
import SqliteDriver from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** The few ways the two databases genuinely differ, named once instead of `if (sqlite)` everywhere. */
export interface DialectFeatures {
  /** Bind parameters one statement may carry (SQLite 32,766; PostgreSQL 65,535). */
  maxParameters: number;
  /** SQLite has one writer: batch work into few large transactions instead of concurrent ones. */
  singleWriter: boolean;
}

export interface AppDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  features: DialectFeatures;
  /** Where the data lives, with any password removed, for logs and messages. */
  description: string;
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: driver }) });
  return {
    db,
    dialect: "sqlite",
    features: { maxParameters: 32_766, singleWriter: true },
    description: `SQLite ${file}`,
    close: () => db.destroy(),
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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: "postgres",
    features: { maxParameters: 65_535, singleWriter: false },
    description: `PostgreSQL ${redactUrl(url)}${schema ? ` (schema ${schema})` : ""}`,
    close: () => db.destroy(),
  };
}

function assertIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid PostgreSQL schema name "${name}"`);
  return name;
}
