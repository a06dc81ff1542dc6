/**
 * PostgreSQL for benchmarks: the server of TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * one throwaway schema per measurement, and a raw multi-row insert to serve as a baseline.
 */
import pg from "pg";
import { config } from "../src/config.js";

export const postgresUrl = config.testDatabaseUrl;
const MAX_PARAMETERS = 65_535;

/** A raw pg client; with `schema`, that schema is its search path. */
export function postgresClient(schema?: string): pg.Client {
  return new pg.Client({
    connectionString: postgresUrl,
    // pg falls back to the OS user when the URL names none, as the app does not.
    user: decodeURIComponent(new URL(postgresUrl).username) || "postgres",
    connectionTimeoutMillis: 5_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
}

export async function withClient<T>(work: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = postgresClient(schema);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used, or null when it answers. */
export async function postgresProblem(): Promise<string | null> {
  try {
    await withClient((client) => client.query("select 1"));
    return null;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).slice(0, 160);
  }
}

/** Runs `work` with a new schema (`prefix_pid_time`), dropped with everything in it afterwards. */
export async function withSchema<T>(prefix: string, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  await withClient((client) => client.query(`create schema "${schema}"`));
  try {
    return await work(schema);
  } finally {
    await withClient((client) => client.query(`drop schema if exists "${schema}" cascade`));
  }
}

/**
 * Inserts `rows` (values in `columns` order) with multi-row inserts of as many rows as 65,535 bind
 * parameters allow, in one transaction; returns the wall-clock seconds.
 */
export async function multiRowInsert(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<number> {
  const width = columns.length;
  const perStatement = Math.floor(MAX_PARAMETERS / width);
  const sqlFor = (count: number) =>
    `insert into "${table}" ("${columns.join('", "')}") values ${Array.from(
      { length: count },
      (_, row) => `(${columns.map((_, column) => `$${row * width + column + 1}`).join(", ")})`,
    ).join(", ")}`;
  const fullChunk = sqlFor(perStatement);
  const start = performance.now();
  await client.query("begin");
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await client.query(chunk.length === perStatement ? fullChunk : sqlFor(chunk.length), chunk.flat());
  }
  await client.query("commit");
  return (performance.now() - start) / 1000;
}
