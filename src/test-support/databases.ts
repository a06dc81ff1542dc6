import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe } from "vitest";
import { config } from "../config.js";
import { type AppDatabase, type DialectName, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

export const DIALECTS: DialectName[] = ["sqlite", "postgres"];

export interface TestDatabase extends AppDatabase {
  /** A target string (file or URL) another process can open, e.g. the CLI under test. */
  target: string;
  schema: string | null;
  destroy(): Promise<void>;
}

let postgresReachable: Promise<boolean> | null = null;

function checkPostgres(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: config.testDatabaseUrl, user: "postgres" });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      // In CI an unreachable PostgreSQL is a failure, never a silent skip.
      if (config.isCi)
        throw new Error(`PostgreSQL at ${config.testDatabaseUrl} is unreachable in CI: ${error}`);
      return false;
    }
  })();
  return postgresReachable;
}

/** A fresh, migrated database of the given dialect: its own SQLite file or its own PostgreSQL schema. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const suffix = `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-test-"));
    const file = path.join(dir, "test.db");
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    return {
      ...database,
      target: file,
      schema: null,
      destroy: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!(await checkPostgres())) throw new Error("PostgreSQL is not reachable");
  // A database per suite, not a schema: Kysely's migrator introspects every schema of a database, which
  // races with other suites dropping theirs when test files run in parallel.
  const name = `pnps_t_${suffix}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(config.testDatabaseUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  const database = openDatabase(target);
  try {
    await migrateToLatest(database.db, database.schema);
  } catch (error) {
    await database.close();
    await adminQuery(`drop database if exists "${name}" with (force)`);
    throw error;
  }
  return {
    ...database,
    target,
    schema: null,
    destroy: async () => {
      await database.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: config.testDatabaseUrl, user: "postgres" });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Drops test databases left by runs that were killed, once they are an hour old. */
export async function dropStaleTestDatabases(now = Date.now()): Promise<number> {
  const admin = new pg.Client({ connectionString: config.testDatabaseUrl, user: "postgres" });
  await admin.connect();
  let dropped = 0;
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'pnps_t_%'",
    );
    for (const { datname } of rows) {
      const created = Number.parseInt(datname.split("_")[3] ?? "", 36);
      if (Number.isFinite(created) && now - created > 3_600_000) {
        await admin.query(`drop database if exists "${datname}" with (force)`);
        dropped++;
      }
    }
    // Schemas of the earlier schema-per-suite layout (t_<pid>_<time>_<random>) go the same way.
    const schemas = await admin.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 't\\_%'",
    );
    for (const { nspname } of schemas.rows) {
      const created = Number.parseInt(nspname.split("_")[2] ?? "", 36);
      if (Number.isFinite(created) && now - created > 3_600_000) {
        await admin.query(`drop schema if exists "${nspname}" cascade`);
        dropped++;
      }
    }
  } finally {
    await admin.end();
  }
  return dropped;
}
/** The URL form the CLI understands for a PostgreSQL schema: ?schema=NAME. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

/**
 * Runs the same suite once per dialect. PostgreSQL suites are skipped only outside CI when the
 * server is down; in CI that is an error.
 */
export function describeEachDialect(name: string, suite: (dialect: DialectName) => void): void {
  for (const dialect of DIALECTS) {
    const reachable = dialect === "sqlite" || config.isCi || canReachPostgresSync();
    (reachable ? describe : describe.skip)(`${name} [${dialect}]`, () => suite(dialect));
  }
}

function canReachPostgresSync(): boolean {
  // Suites are declared synchronously; a unix-socket presence check is enough to decide skip locally.
  return fs.existsSync("/var/run/postgresql");
}
