import { type Kysely, type Migration, type MigrationResult, Migrator, sql } from "kysely";
import * as initialSchema from "./migrations/001-initial-schema.js";
import * as invitationDelivery from "./migrations/002-invitation-delivery.js";
import * as signIn from "./migrations/003-sign-in.js";
import * as responseSearch from "./migrations/004-response-search.js";
import * as cases from "./migrations/005-cases.js";
import * as alerts from "./migrations/006-alerts.js";
import type { Database } from "./schema.js";

// Migrations are imported statically so the built CLI and the tests need no file-system lookup.
const migrations: Record<string, Migration> = {
  "001-initial-schema": initialSchema,
  "002-invitation-delivery": invitationDelivery,
  "003-sign-in": signIn,
  "004-response-search": responseSearch,
  "005-cases": cases,
  "006-alerts": alerts,
};

export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the schema up to date. With a PostgreSQL schema, the schema is created if needed and Kysely's
 * bookkeeping tables live inside it (otherwise Kysely would find another schema's tables on the search path).
 */
export async function migrateToLatest(
  database: Kysely<Database>,
  schema: string | null = null,
): Promise<MigrationReport> {
  // Migrations see an untyped database: they describe the schema the types are derived from.
  const db = database as unknown as Kysely<unknown>;
  if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter(isApplied).map((r) => r.migrationName) };
}

function isApplied(result: MigrationResult): boolean {
  return result.status === "Success";
}
