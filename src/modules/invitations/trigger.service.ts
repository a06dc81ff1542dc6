import { z } from "zod";
import { describeExclusion } from "../../core/audience.js";
import { isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { pickLanguage } from "../../core/survey/questions.js";
import { invitationToken } from "../../core/tokens.js";
import { parseInput } from "../../core/validation.js";
import type { AppDatabase } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
import { findOrganization } from "../organizations/organization.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { computeAudience } from "../waves/audience.service.js";
import { surveyUrl } from "./invitation-links.js";
import { newInvitationRow } from "./invitation-row.js";
import { enqueueInvitationSend } from "./invitation-send.enqueue.js";

export const triggerEventTypes = [
  "onboarding_completed",
  "deal_registered",
  "support_case_closed",
  "business_review_held",
] as const;

export const triggerInputSchema = z
  .object({
    event_type: z.union([
      z.enum(triggerEventTypes),
      z.string().regex(/^custom:[a-z0-9_.-]{1,60}$/, "must be a known event type or custom:<name>"),
    ]),
    event_id: z.string().trim().min(1, "is required").max(200),
    contact_external_id: z.string().trim().min(1).max(200).optional(),
    partner_external_id: z.string().trim().min(1).max(200).optional(),
    survey_id: z.string().optional(),
  })
  .refine((t) => t.contact_external_id || t.partner_external_id, {
    message: "give contact_external_id or partner_external_id",
    path: ["contact_external_id"],
  });

/**
 * A transactional survey after a key interaction. Idempotent on event_id: the same event never invites
 * twice. The same fatigue rules as waves apply; a skipped event says why.
 */
export async function triggerSurvey(
  database: AppDatabase,
  context: ServiceContext,
  publicUrl: string,
  input: unknown,
) {
  const data = parseInput(triggerInputSchema, input, "trigger");
  const clock = context.clock ?? systemClock;
  return database.db.transaction().execute(async (trx) => {
    const organizationId = context.organizationId;
    const existing = await trx
      .selectFrom("invitations")
      .select(["invitation_id", "contact_id", "status"])
      .where("organization_id", "=", organizationId)
      .where("event_id", "=", data.event_id)
      .executeTakeFirst();
    const organization = await findOrganization(trx, organizationId);
    if (!organization?.invitation_secret) throw new NotFoundError("Organization", organizationId);
    const link = (invitationId: string) =>
      surveyUrl(publicUrl, organizationId, invitationToken(organization.invitation_secret!, invitationId));
    if (existing)
      return {
        status: "existing" as const,
        invitation_id: existing.invitation_id,
        url: link(existing.invitation_id),
      };

    const survey = await (data.survey_id
      ? trx
          .selectFrom("surveys")
          .selectAll()
          .where("organization_id", "=", organizationId)
          .where("survey_id", "=", data.survey_id)
      : trx
          .selectFrom("surveys")
          .selectAll()
          .where("organization_id", "=", organizationId)
          .where("kind", "=", "transactional")
          .where("archived_at", "is", null)
          .orderBy("created_at")
    ).executeTakeFirst();
    if (!survey)
      throw new ValidationError("No transactional survey exists; create one or pass survey_id", [
        { field: "survey_id", message: "no survey" },
      ]);

    let contactIds: string[] | undefined;
    let partnerIds: string[] | undefined;
    if (data.contact_external_id) {
      const contact = await trx
        .selectFrom("contacts")
        .select(["contact_id"])
        .where("organization_id", "=", organizationId)
        .where("external_id", "=", data.contact_external_id)
        .executeTakeFirst();
      if (!contact) throw new NotFoundError("Contact with external id", data.contact_external_id);
      contactIds = [contact.contact_id];
    } else {
      const partner = await trx
        .selectFrom("partners")
        .select(["partner_id"])
        .where("organization_id", "=", organizationId)
        .where("external_id", "=", data.partner_external_id!)
        .executeTakeFirst();
      if (!partner) throw new NotFoundError("Partner with external id", data.partner_external_id!);
      partnerIds = [partner.partner_id];
    }
    const { plan, contacts } = await computeAudience(
      trx,
      organizationId,
      { ...(partnerIds ? { partner_ids: partnerIds } : {}) },
      clock.now(),
      null,
    );
    const eligible = plan.included.filter((c) => !contactIds || contactIds.includes(c.contact_id));
    // For a partner event, one contact is asked: the planner already ordered sponsors and decision makers first.
    const chosen = eligible[0];
    if (!chosen) {
      const reason = plan.excluded.find(
        (x) => !contactIds || contactIds.includes(x.candidate.contact_id),
      )?.reason;
      const explanation = reason ? describeExclusion(reason) : "no reachable contact";
      await recordAudit(
        trx,
        {
          organizationId,
          actor: context.actor,
          action: "trigger.skipped",
          entityType: "event",
          entityId: data.event_id,
          details: { event_type: data.event_type, reason: explanation },
        },
        clock,
      );
      return { status: "skipped" as const, reason: reason?.code ?? "no_contact", explanation };
    }
    const invitationId = newId(clock.now().getTime());
    await trx
      .insertInto("invitations")
      .values(
        newInvitationRow({
          organizationId,
          invitationId,
          secret: organization.invitation_secret,
          surveyId: survey.survey_id,
          waveId: null,
          contactId: chosen.contact_id,
          partnerId: chosen.partner_id,
          channel: "trigger",
          eventType: data.event_type,
          eventId: data.event_id,
          language: pickLanguage(
            JSON.parse(survey.languages) as string[],
            [contacts.get(chosen.contact_id)?.language],
            survey.default_language,
          ),
          createdAt: isoNow(clock),
        }),
      )
      .execute();
    await enqueueInvitationSend(trx, organizationId, [invitationId], { clock });
    await recordAudit(
      trx,
      {
        organizationId,
        actor: context.actor,
        action: "trigger.invited",
        entityType: "invitation",
        entityId: invitationId,
        details: { event_type: data.event_type, event_id: data.event_id },
      },
      clock,
    );
    return { status: "invited" as const, invitation_id: invitationId, url: link(invitationId) };
  });
}
