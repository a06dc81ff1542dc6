import type { Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { InitiativeTable } from "../../db/schema.js";

export function listInitiativeRows(db: Executor, organizationId: string, status?: string) {
  let query = db.selectFrom("initiatives").selectAll().where("organization_id", "=", organizationId);
  if (status) query = query.where("status", "=", status as InitiativeTable["status"]);
  return query.orderBy("created_at", "desc").orderBy("initiative_id", "desc").execute();
}

export function findInitiativeRow(db: Executor, organizationId: string, id: string) {
  return db
    .selectFrom("initiatives")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("initiative_id", "=", id)
    .executeTakeFirst();
}

export async function insertInitiative(db: Executor, row: InitiativeTable): Promise<void> {
  await db.insertInto("initiatives").values(row).execute();
}

export async function updateInitiative(
  db: Executor,
  organizationId: string,
  id: string,
  changes: Updateable<InitiativeTable>,
): Promise<void> {
  await db
    .updateTable("initiatives")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("initiative_id", "=", id)
    .execute();
}

export async function existingThemeIds(
  db: Executor,
  organizationId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("themes")
    .select("theme_id")
    .where("organization_id", "=", organizationId)
    .where("theme_id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.theme_id));
}

export async function existingCaseIds(
  db: Executor,
  organizationId: string,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("follow_up_cases")
    .select("case_id")
    .where("organization_id", "=", organizationId)
    .where("case_id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

/** The distinct partners behind the given cases. */
export async function partnersOfCases(
  db: Executor,
  organizationId: string,
  caseIds: string[],
): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom("follow_up_cases")
    .select("partner_id")
    .distinct()
    .where("organization_id", "=", organizationId)
    .where("case_id", "in", caseIds)
    .orderBy("partner_id")
    .execute();
  return rows.map((r) => r.partner_id);
}
