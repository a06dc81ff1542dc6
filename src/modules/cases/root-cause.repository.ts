import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { RootCauseTable } from "../../db/schema.js";

export function listRootCauseRows(db: Executor, organizationId: string): Promise<RootCauseTable[]> {
  return db
    .selectFrom("root_causes")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("name")
    .execute();
}

export function findRootCauseRow(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom("root_causes")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("root_cause_id", "=", id)
    .executeTakeFirst();
}

export function findRootCauseByName(db: Executor, organizationId: string, name: string) {
  return db
    .selectFrom("root_causes")
    .select("root_cause_id")
    .where("organization_id", "=", organizationId)
    .where("name", "=", name)
    .executeTakeFirst();
}

export async function activeRootCauseIds(db: Executor, organizationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("root_causes")
    .select("root_cause_id")
    .where("organization_id", "=", organizationId)
    .where("archived_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.root_cause_id));
}

export async function insertRootCause(db: Executor, row: Insertable<RootCauseTable>): Promise<void> {
  await db.insertInto("root_causes").values(row).execute();
}

export async function updateRootCause(
  db: Executor,
  organizationId: string,
  id: string,
  changes: Updateable<RootCauseTable>,
): Promise<void> {
  await db
    .updateTable("root_causes")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("root_cause_id", "=", id)
    .execute();
}
