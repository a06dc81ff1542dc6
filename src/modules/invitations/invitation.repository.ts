import type { Selectable } from "kysely";
import type { Executor } from "../../db/database.js";
import type { InvitationTable } from "../../db/schema.js";

export type InvitationRow = Selectable<InvitationTable>;

export function findInvitation(
  db: Executor,
  organizationId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .executeTakeFirst();
}

/**
 * The invitation with its contact, partner, survey, organization and wave: what the email and the survey
 * page need, in one query. Callers add their lookup (`where`) and any further columns.
 */
export function invitationContextQuery(db: Executor) {
  return db
    .selectFrom("invitations as i")
    .innerJoin("contacts as c", (j) =>
      j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
    )
    .innerJoin("partners as p", (j) =>
      j.onRef("p.organization_id", "=", "i.organization_id").onRef("p.partner_id", "=", "i.partner_id"),
    )
    .innerJoin("surveys as s", (j) =>
      j.onRef("s.organization_id", "=", "i.organization_id").onRef("s.survey_id", "=", "i.survey_id"),
    )
    .innerJoin("organizations as o", "o.organization_id", "i.organization_id")
    .leftJoin("waves as w", (j) =>
      j.onRef("w.organization_id", "=", "i.organization_id").onRef("w.wave_id", "=", "i.wave_id"),
    )
    .select([
      "i.invitation_id",
      "i.organization_id",
      "i.wave_id",
      "i.survey_id",
      "i.contact_id",
      "i.partner_id",
      "i.status",
      "i.sent_at",
      "i.sending_at",
      "i.responded_at",
      "i.reminders_sent",
      "i.language as invitation_language",
      "c.name as contact_name",
      "c.email as contact_email",
      "c.language as contact_language",
      "c.role as contact_role",
      "c.unsubscribed_at as contact_unsubscribed_at",
      "c.bounced_at as contact_bounced_at",
      "p.name as partner_name",
      "s.name as survey_name",
      "s.anonymous as survey_anonymous",
      "s.languages as survey_languages",
      "s.default_language as survey_default_language",
      "s.questions as survey_questions",
      "o.company_name",
      "o.invitation_secret",
      "o.settings as organization_settings",
      "w.status as wave_status",
      "w.closes_at as wave_closes_at",
    ]);
}

/** Everything the email and the survey page need about one invitation, in one query. */
export function findInvitationContext(db: Executor, organizationId: string, invitationId: string) {
  return invitationContextQuery(db)
    .where("i.organization_id", "=", organizationId)
    .where("i.invitation_id", "=", invitationId)
    .executeTakeFirst();
}

export type InvitationContext = NonNullable<Awaited<ReturnType<typeof findInvitationContext>>>;
