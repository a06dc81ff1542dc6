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
  const schema = `t_${suffix}`;
  const admin = new pg.Client({ connectionString: config.testDatabaseUrl, user: "postgres" });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  const database = openDatabase(config.testDatabaseUrl, { schema });
  await migrateToLatest(database.db);
  const target = withSearchPath(config.testDatabaseUrl, schema);
  return {
    ...database,
    target,
    schema,
    destroy: async () => {
      await database.close();
      const cleaner = new pg.Client({ connectionString: config.testDatabaseUrl, user: "postgres" });
      await cleaner.connect();
      await cleaner.query(`drop schema if exists "${schema}" cascade`);
      await cleaner.end();
    },
  };
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
