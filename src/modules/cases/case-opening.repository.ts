import { sql } from "kysely";
import { CLOSED_CASE_STATUSES } from "../../core/cases/case-lifecycle.js";
import type { PartnerWaveScore } from "../../core/cases/case-rules.js";
import type { Executor } from "../../db/database.js";
import type { CaseRecoveryTable } from "../../db/schema.js";
import { type OwnerScope, ownedPartnerCondition } from "../partners/partner-scope.js";

/** The response the job is about, with the partner fields the rules and the owner choice read. */
export function responseWithPartner(db: Executor, organizationId: string, responseId: string) {
  return db
    .selectFrom("responses as r")
    .innerJoin("partners as p", (join) =>
      join.onRef("p.organization_id", "=", "r.organization_id").onRef("p.partner_id", "=", "r.partner_id"),
    )
    .select([
      "r.response_id",
      "r.partner_id",
      "r.score",
      "r.category",
      "r.comment",
      "r.wave_id",
      "r.source",
      "r.submitted_at",
      "p.tier",
      "p.strategic",
      "p.owner_user_id",
      "p.name as partner_name",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.response_id", "=", responseId)
    .executeTakeFirst();
}

/** The partner's NPS per wave, oldest wave first (by its first answer). */
export async function partnerWaveScores(
  db: Executor,
  organizationId: string,
  partnerId: string,
): Promise<PartnerWaveScore[]> {
  return (await waveScoresByPartner(db, organizationId, partnerId)).get(partnerId) ?? [];
}

/** Each partner's NPS per wave, oldest wave first; one partner or, without partnerId, all of them. */
export async function waveScoresByPartner(
  db: Executor,
  organizationId: string,
  partnerId?: string,
): Promise<Map<string, PartnerWaveScore[]>> {
  let query = db
    .selectFrom("responses")
    .select((eb) => [
      "partner_id",
      "wave_id",
      eb.fn.countAll<number>().as("responses"),
      eb.fn.sum<number>(sql<number>`case when category = 'promoter' then 1 else 0 end`).as("promoters"),
      eb.fn.sum<number>(sql<number>`case when category = 'detractor' then 1 else 0 end`).as("detractors"),
      eb.fn.min("submitted_at").as("first_at"),
    ])
    .where("organization_id", "=", organizationId)
    .where("wave_id", "is not", null);
  if (partnerId) query = query.where("partner_id", "=", partnerId);
  const rows = await query
    .groupBy(["partner_id", "wave_id"])
    .orderBy("first_at")
    .orderBy("wave_id")
    .execute();
  const out = new Map<string, PartnerWaveScore[]>();
  for (const row of rows) {
    const n = Number(row.responses);
    const score = {
      waveId: row.wave_id!,
      responses: n,
      nps: (100 * (Number(row.promoters) - Number(row.detractors))) / n,
    };
    out.set(row.partner_id, [...(out.get(row.partner_id) ?? []), score]);
  }
  return out;
}

/** An active user of the organization, or undefined. */
export function activeUser(db: Executor, organizationId: string, userId: string) {
  return db
    .selectFrom("users")
    .select(["user_id", "name", "role"])
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
}

export async function firstAdminId(db: Executor, organizationId: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("user_id")
    .where("organization_id", "=", organizationId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .orderBy("created_at")
    .orderBy("user_id")
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Closed cases of the partner, closed before `before`, that have no recovery yet. */
export function closedCasesAwaitingRecovery(
  db: Executor,
  organizationId: string,
  partnerId: string,
  before: string,
) {
  return db
    .selectFrom("follow_up_cases as c")
    .leftJoin("case_recoveries as cr", (join) =>
      join.onRef("cr.organization_id", "=", "c.organization_id").onRef("cr.case_id", "=", "c.case_id"),
    )
    .select(["c.case_id", "c.opened_category"])
    .where("c.organization_id", "=", organizationId)
    .where("c.partner_id", "=", partnerId)
    .where("c.status", "in", [...CLOSED_CASE_STATUSES])
    .where("c.resolved_at", "<", before)
    .where("cr.case_id", "is", null)
    .execute();
}

export async function insertRecovery(db: Executor, row: CaseRecoveryTable): Promise<void> {
  await db
    .insertInto("case_recoveries")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function recoveriesForMetrics(db: Executor, scope: OwnerScope, from?: string, before?: string) {
  let query = db
    .selectFrom("case_recoveries")
    .select(["partner_id", "previous_category", "new_category", "created_at"])
    .where("organization_id", "=", scope.organizationId);
  const owned = ownedPartnerCondition(scope, "partner_id");
  if (owned) query = query.where(owned);
  if (from) query = query.where("created_at", ">=", from);
  if (before) query = query.where("created_at", "<", before);
  return query.execute();
}

export async function addTimelineEntry(
  db: Executor,
  entry: {
    organization_id: string;
    entry_id: string;
    partner_id: string;
    kind: string;
    title: string;
    entity_type: string | null;
    entity_id: string | null;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto("partner_timeline").values(entry).execute();
}

export function partnerTimeline(db: Executor, organizationId: string, partnerId: string) {
  return db
    .selectFrom("partner_timeline")
    .select(["entry_id", "kind", "title", "entity_type", "entity_id", "created_at"])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .orderBy("created_at", "desc")
    .orderBy("entry_id", "desc")
    .execute();
}

/**
 * Takes the partner's row lock for the rest of the transaction (a no-op update: PostgreSQL locks the row,
 * SQLite has one writer), so two responses of one partner never both open "the" case of a rule.
 */
export async function lockPartnerForCases(
  db: Executor,
  organizationId: string,
  partnerId: string,
): Promise<void> {
  await db
    .updateTable("partners")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .execute();
}

/** True when the partner exists in the scope (a partner manager only reaches their own partners). */
export async function partnerInScope(db: Executor, scope: OwnerScope, partnerId: string): Promise<boolean> {
  let query = db
    .selectFrom("partners")
    .select("partner_id")
    .where("organization_id", "=", scope.organizationId)
    .where("partner_id", "=", partnerId);
  const owned = ownedPartnerCondition(scope, "partner_id");
  if (owned) query = query.where(owned);
  return (await query.executeTakeFirst()) !== undefined;
}
