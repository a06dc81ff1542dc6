import type { Executor } from "../../db/database.js";
import type { OwnerScope } from "./partner-scope.js";

export async function fetchUserName(db: Executor, organizationId: string, userId: string) {
  const row = await db
    .selectFrom("users")
    .select("name")
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Active contacts of one partner. */
export function fetchPartnerContacts(db: Executor, organizationId: string, partnerId: string) {
  return db
    .selectFrom("contacts")
    .select(["contact_id", "name", "email", "role"])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .where("archived_at", "is", null)
    .orderBy("name")
    .orderBy("contact_id")
    .execute();
}

/**
 * Each contact's answers, newest first. With `hideAnonymous` (a partner manager asking) answers to
 * anonymous surveys are left out, so the per-contact view cannot unmask them.
 */
export function fetchContactAnswers(
  db: Executor,
  scope: OwnerScope,
  partnerId: string,
  hideAnonymous: boolean,
) {
  let query = db
    .selectFrom("responses as r")
    .leftJoin("surveys as s", (j) =>
      j.onRef("s.organization_id", "=", "r.organization_id").onRef("s.survey_id", "=", "r.survey_id"),
    )
    .select(["r.contact_id", "r.score", "r.category", "r.submitted_at"])
    .where("r.organization_id", "=", scope.organizationId)
    .where("r.partner_id", "=", partnerId)
    .where("r.contact_id", "is not", null);
  if (hideAnonymous)
    query = query.where((eb) => eb.or([eb("s.anonymous", "is", null), eb("s.anonymous", "=", 0)]));
  return query.orderBy("r.submitted_at", "desc").orderBy("r.response_id", "desc").execute();
}

/** Open follow-up cases of one partner, soonest due first. */
export function fetchOpenCases(db: Executor, organizationId: string, partnerId: string) {
  return db
    .selectFrom("follow_up_cases")
    .select(["case_id", "status", "rule", "owner_user_id", "due_at", "first_contact_at", "created_at"])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .where("status", "in", ["new", "in_progress", "contacted"])
    .orderBy("due_at")
    .orderBy("case_id")
    .execute();
}
