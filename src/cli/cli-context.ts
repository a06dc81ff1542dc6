import type { Command } from "commander";
import { config } from "../config.js";
import { DomainError } from "../core/errors.js";
import { type AppDatabase, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import type { Organization } from "../modules/organizations/organization.repository.js";
import { resolveOrganization } from "../modules/organizations/organization.service.js";

export interface GlobalOptions {
  db?: string;
  org?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Opens (and migrates) the database named by --db, DATABASE_URL or the default SQLite file. */
export async function openCliDatabase(command: Command): Promise<AppDatabase> {
  const database = openDatabase(globalOptions(command).db ?? config.databaseUrl);
  await migrateToLatest(database.db, database.schema);
  return database;
}

/** Runs a command body with an open database, closing it afterwards whatever happens. */
export async function withDatabase<T>(
  command: Command,
  body: (database: AppDatabase) => Promise<T>,
): Promise<T> {
  const database = await openCliDatabase(command);
  try {
    return await body(database);
  } finally {
    await database.close();
  }
}

export async function cliOrganization(
  command: Command,
  database: AppDatabase,
  createIfMissing = false,
): Promise<Organization> {
  return resolveOrganization(database.db, globalOptions(command).org, { createIfMissing });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Turns expected failures into a one-line message and an exit code, never a stack trace. */
export function reportCliError(error: unknown): never {
  if (error instanceof DomainError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(error.code === "validation_failed" ? 2 : 1);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
