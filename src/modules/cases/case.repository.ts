import { type Insertable, type Selectable, sql, type Updateable } from "kysely";
import { OPEN_CASE_STATUSES } from "../../core/cases/case-lifecycle.js";
import type { Executor } from "../../db/database.js";
import type { CaseNoteTable, FollowUpCaseTable } from "../../db/schema.js";
import { type OwnerScope, ownedPartnerCondition } from "../partners/partner-scope.js";

export type CaseRow = Selectable<FollowUpCaseTable>;
export type CaseListRow = CaseRow & { partner_name: string; owner_name: string | null };

export interface CaseFilter {
  statuses?: string[];
  ownerUserId?: string;
  partnerId?: string;
  overdue?: boolean;
  rule?: string;
  createdFrom?: string;
  createdBefore?: string;
}

function listQuery(db: Executor, scope: OwnerScope, filter: CaseFilter, now: string) {
  let query = db
    .selectFrom("follow_up_cases as c")
    .innerJoin("partners as p", (join) =>
      join.onRef("p.organization_id", "=", "c.organization_id").onRef("p.partner_id", "=", "c.partner_id"),
    )
    .leftJoin("users as u", (join) =>
      join.onRef("u.organization_id", "=", "c.organization_id").onRef("u.user_id", "=", "c.owner_user_id"),
    )
    .where("c.organization_id", "=", scope.organizationId);
  const owned = ownedPartnerCondition(scope, "c.partner_id");
  if (owned) query = query.where(owned);
  if (filter.statuses?.length) query = query.where("c.status", "in", filter.statuses as CaseRow["status"][]);
  if (filter.ownerUserId) query = query.where("c.owner_user_id", "=", filter.ownerUserId);
  if (filter.partnerId) query = query.where("c.partner_id", "=", filter.partnerId);
  if (filter.rule) {
    const rule = filter.rule;
    query = query.where((eb) => eb.or([eb("c.rule_id", "=", rule), eb("c.rule", "=", rule)]));
  }
  if (filter.createdFrom) query = query.where("c.created_at", ">=", filter.createdFrom);
  if (filter.createdBefore) query = query.where("c.created_at", "<", filter.createdBefore);
  if (filter.overdue !== undefined) {
    const overdue = sql<boolean>`(c.status in (${sql.join([...OPEN_CASE_STATUSES])}) and c.first_contact_at is null and c.due_at < ${now})`;
    query = query.where(filter.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  return query;
}

export async function listCaseRows(
  db: Executor,
  scope: OwnerScope,
  filter: CaseFilter,
  now: string,
  page: { limit: number; offset: number } | null,
): Promise<{ rows: CaseListRow[]; total: number }> {
  const base = listQuery(db, scope, filter, now);
  let rowsQuery = base
    .selectAll("c")
    .select(["p.name as partner_name", "u.name as owner_name"])
    .orderBy("c.due_at")
    .orderBy("c.case_id");
  if (page) rowsQuery = rowsQuery.limit(page.limit).offset(page.offset);
  const rows = await rowsQuery.execute();
  const count = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function findCaseListRow(
  db: Executor,
  scope: OwnerScope,
  caseId: string,
): Promise<CaseListRow | undefined> {
  return listQuery(db, scope, {}, "")
    .selectAll("c")
    .select(["p.name as partner_name", "u.name as owner_name"])
    .where("c.case_id", "=", caseId)
    .executeTakeFirst();
}

/** Response ids per case, oldest first. */
export async function responseIdsOfCases(
  db: Executor,
  organizationId: string,
  caseIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom("case_responses")
    .select(["case_id", "response_id"])
    .where("organization_id", "=", organizationId)
    .where("case_id", "in", caseIds)
    .orderBy("response_id")
    .execute();
  for (const row of rows) out.get(row.case_id)?.push(row.response_id);
  return out;
}

export function caseResponses(db: Executor, organizationId: string, caseId: string) {
  return db
    .selectFrom("case_responses as cr")
    .innerJoin("responses as r", (join) =>
      join
        .onRef("r.organization_id", "=", "cr.organization_id")
        .onRef("r.response_id", "=", "cr.response_id"),
    )
    .select([
      "r.response_id",
      "r.score",
      "r.category",
      "r.comment",
      "r.submitted_at",
      "r.contact_id",
      "r.wave_id",
    ])
    .where("cr.organization_id", "=", organizationId)
    .where("cr.case_id", "=", caseId)
    .orderBy("r.submitted_at")
    .execute();
}

export function findOpenCaseOf(db: Executor, organizationId: string, partnerId: string, ruleId: string) {
  return db
    .selectFrom("follow_up_cases")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .where("rule_id", "=", ruleId)
    .where("status", "in", [...OPEN_CASE_STATUSES])
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function insertCase(db: Executor, row: Insertable<FollowUpCaseTable>): Promise<void> {
  await db.insertInto("follow_up_cases").values(row).execute();
}

export async function updateCase(
  db: Executor,
  organizationId: string,
  caseId: string,
  changes: Updateable<FollowUpCaseTable>,
): Promise<void> {
  await db
    .updateTable("follow_up_cases")
    .set(changes)
    .where("organization_id", "=", organizationId)
    .where("case_id", "=", caseId)
    .execute();
}

export async function linkCaseResponse(
  db: Executor,
  organizationId: string,
  caseId: string,
  responseId: string,
): Promise<void> {
  await db
    .insertInto("case_responses")
    .values({ organization_id: organizationId, case_id: caseId, response_id: responseId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function findRuleMatch(db: Executor, organizationId: string, ruleId: string, responseId: string) {
  return db
    .selectFrom("case_rule_matches")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("rule_id", "=", ruleId)
    .where("response_id", "=", responseId)
    .executeTakeFirst();
}

export async function insertRuleMatch(
  db: Executor,
  row: { organization_id: string; rule_id: string; response_id: string; case_id: string; created_at: string },
): Promise<void> {
  await db.insertInto("case_rule_matches").values(row).execute();
}

export async function insertCaseNote(db: Executor, row: Insertable<CaseNoteTable>): Promise<void> {
  await db.insertInto("case_notes").values(row).execute();
}

export function caseNotes(db: Executor, organizationId: string, caseId: string) {
  return db
    .selectFrom("case_notes as n")
    .leftJoin("users as u", (join) =>
      join.onRef("u.organization_id", "=", "n.organization_id").onRef("u.user_id", "=", "n.user_id"),
    )
    .select(["n.note_id", "n.kind", "n.body", "n.user_id", "u.name as user_name", "n.created_at"])
    .where("n.organization_id", "=", organizationId)
    .where("n.case_id", "=", caseId)
    .orderBy("n.created_at")
    .orderBy("n.note_id")
    .execute();
}

/** Cases of the scope opened in [from, before), for the metrics. */
export function casesForMetrics(db: Executor, scope: OwnerScope, filter: CaseFilter) {
  return listQuery(db, scope, filter, "")
    .select(["c.status", "c.created_at", "c.due_at", "c.first_contact_at"])
    .execute();
}

/** Open and overdue counts of one partner, for its scorecard. */
export async function partnerCaseCountRows(
  db: Executor,
  organizationId: string,
  partnerId: string,
  now: string,
) {
  const row = await db
    .selectFrom("follow_up_cases")
    .select((eb) => [
      eb.fn.countAll<number>().as("open"),
      eb.fn
        .sum<number>(sql<number>`case when first_contact_at is null and due_at < ${now} then 1 else 0 end`)
        .as("overdue"),
    ])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .where("status", "in", [...OPEN_CASE_STATUSES])
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue ?? 0) };
}
