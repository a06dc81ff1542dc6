import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { CaseRuleTable, RootCauseTable } from "../../db/schema.js";

export function listCaseRuleRows(db: Executor, organizationId: string): Promise<CaseRuleTable[]> {
  return db
    .selectFrom("case_rules")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .orderBy("rule_id")
    .execute();
}

export function findCaseRuleRow(
  db: Executor,
  organizationId: string,
  ruleId: string,
): Promise<CaseRuleTable | undefined> {
  return db
    .selectFrom("case_rules")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("rule_id", "=", ruleId)
    .executeTakeFirst();
}

/** Inserts rules, ignoring ids that already exist (two first uses racing seed the same defaults). */
export async function insertCaseRules(db: Executor, rows: Insertable<CaseRuleTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("case_rules")
    .values(rows)
    .onConflict((oc) => oc.columns(["organization_id", "rule_id"]).doNothing())
    .execute();
}

export async function updateCaseRuleRow(
  db: Executor,
  organizationId: string,
  ruleId: string,
  changes: Updateable<CaseRuleTable>,
): Promise<void> {
  await db
    .updateTable("case_rules")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("rule_id", "=", ruleId)
    .execute();
}

export async function countCaseRules(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("case_rules")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRootCauses(db: Executor, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("root_causes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRootCauses(db: Executor, rows: Insertable<RootCauseTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("root_causes")
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
