import type { Executor } from "../../db/database.js";

/** A case with what an alert about it shows: partner, owner, the responses behind it. */
export async function findCaseForAlert(db: Executor, organizationId: string, caseId: string) {
  const row = await db
    .selectFrom("follow_up_cases as fc")
    .innerJoin("partners as p", (j) =>
      j.onRef("p.organization_id", "=", "fc.organization_id").onRef("p.partner_id", "=", "fc.partner_id"),
    )
    .innerJoin("organizations as o", "o.organization_id", "fc.organization_id")
    .leftJoin("users as u", (j) =>
      j.onRef("u.organization_id", "=", "fc.organization_id").onRef("u.user_id", "=", "fc.owner_user_id"),
    )
    .select([
      "fc.case_id",
      "fc.partner_id",
      "fc.owner_user_id",
      "fc.rule",
      "fc.status",
      "fc.due_at",
      "fc.escalated_at",
      "p.name as partner_name",
      "p.tier as partner_tier",
      "u.name as owner_name",
      "u.email as owner_email",
      "u.lead_user_id as owner_lead_user_id",
      "o.company_name",
      "o.settings as organization_settings",
    ])
    .where("fc.organization_id", "=", organizationId)
    .where("fc.case_id", "=", caseId)
    .executeTakeFirst();
  if (!row) return undefined;
  const responses = await db
    .selectFrom("case_responses as cr")
    .innerJoin("responses as r", (j) =>
      j.onRef("r.organization_id", "=", "cr.organization_id").onRef("r.response_id", "=", "cr.response_id"),
    )
    .leftJoin("contacts as c", (j) =>
      j.onRef("c.organization_id", "=", "r.organization_id").onRef("c.contact_id", "=", "r.contact_id"),
    )
    .select(["r.response_id", "r.score", "r.comment", "r.submitted_at", "c.name as contact_name"])
    .where("cr.organization_id", "=", organizationId)
    .where("cr.case_id", "=", caseId)
    .orderBy("r.submitted_at")
    .execute();
  return { ...row, responses };
}

export type CaseForAlert = NonNullable<Awaited<ReturnType<typeof findCaseForAlert>>>;

export async function findInitiativeForAlert(db: Executor, organizationId: string, initiativeId: string) {
  return db
    .selectFrom("initiatives as i")
    .innerJoin("organizations as o", "o.organization_id", "i.organization_id")
    .select([
      "i.organization_id",
      "i.initiative_id",
      "i.title",
      "i.description",
      "i.status",
      "i.theme_ids",
      "i.case_ids",
      "i.owner_user_id",
      "i.done_at",
      "o.company_name",
      "o.settings as organization_settings",
      "o.invitation_secret",
    ])
    .where("i.organization_id", "=", organizationId)
    .where("i.initiative_id", "=", initiativeId)
    .executeTakeFirst();
}

export type InitiativeForAlert = NonNullable<Awaited<ReturnType<typeof findInitiativeForAlert>>>;

/** Owners of the given cases (recipients of the initiative_done alert). */
export async function caseOwnerIds(
  db: Executor,
  organizationId: string,
  caseIds: string[],
): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom("follow_up_cases")
    .select("owner_user_id")
    .distinct()
    .where("organization_id", "=", organizationId)
    .where("case_id", "in", caseIds)
    .where("owner_user_id", "is not", null)
    .execute();
  return rows.flatMap((row) => (row.owner_user_id ? [row.owner_user_id] : []));
}
