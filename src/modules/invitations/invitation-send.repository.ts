import type { ExpressionBuilder } from "kysely";
import type { Executor } from "../../db/database.js";
import type { Database } from "../../db/schema.js";

type InvitationExpressions = ExpressionBuilder<Database, "invitations">;

/** Nobody opted out, complained, bounced or answered, and the contact can still be mailed. */
function stillMailable(eb: InvitationExpressions) {
  return eb.and([
    eb("invitations.responded_at", "is", null),
    eb("invitations.unsubscribed_at", "is", null),
    eb("invitations.complained_at", "is", null),
    eb("invitations.bounced_at", "is", null),
    eb.not(
      eb.exists(
        eb
          .selectFrom("contacts")
          .select("contacts.contact_id")
          .whereRef("contacts.organization_id", "=", "invitations.organization_id")
          .whereRef("contacts.contact_id", "=", "invitations.contact_id")
          .where((contact) =>
            contact.or([
              contact("contacts.unsubscribed_at", "is not", null),
              contact("contacts.bounced_at", "is not", null),
            ]),
          ),
      ),
    ),
  ]);
}

/**
 * Records that the first mail is about to be handed to SMTP. Conditional on the invitation still being
 * unsent and mailable, so an unsubscribe or answer that lands meanwhile wins; false means "do not send".
 */
export async function markInvitationSending(
  db: Executor,
  organizationId: string,
  invitationId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ sending_at: now })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("status", "=", "pending")
    .where("sent_at", "is", null)
    .where(stillMailable)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** As `markInvitationSending`, for reminder `reminder` of an invitation already mailed and not answered. */
export async function markReminderSending(
  db: Executor,
  organizationId: string,
  invitationId: string,
  reminder: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ sending_at: now })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("status", "=", "sent")
    .where("sent_at", "is not", null)
    .where("reminders_sent", "<", reminder)
    .where(stillMailable)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Undoes this attempt's `sending_at` after a failure that surely sent nothing, so no resend is suspected. */
export async function restoreSendingMark(
  db: Executor,
  organizationId: string,
  invitationId: string,
  marks: { ours: string; previous: string | null },
): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ sending_at: marks.previous })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("sending_at", "=", marks.ours)
    .execute();
}

/** False when another attempt already recorded it (only after a lost lease; logged by the caller). */
export async function recordInvitationSent(
  db: Executor,
  organizationId: string,
  invitationId: string,
  sent: { sentAt: string; language: string },
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ sent_at: sent.sentAt, status: "sent", language: sent.language })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("sent_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function recordReminderSent(
  db: Executor,
  organizationId: string,
  invitationId: string,
  reminder: number,
  sentAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ reminders_sent: reminder, last_reminded_at: sentAt })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("reminders_sent", "<", reminder)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** A permanent refusal of the address: the invitation and the contact are marked bounced together. */
export async function recordInvitationBounced(
  db: Executor,
  organizationId: string,
  invitation: { invitationId: string; contactId: string },
  bouncedAt: string,
): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ status: "bounced", bounced_at: bouncedAt })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitation.invitationId)
    .where("status", "in", ["pending", "sent"])
    .execute();
  await db
    .updateTable("contacts")
    .set({ bounced_at: bouncedAt, updated_at: bouncedAt })
    .where("organization_id", "=", organizationId)
    .where("contact_id", "=", invitation.contactId)
    .where("bounced_at", "is", null)
    .execute();
}

/** The invitation's opt-out marks and last reminder, which the shared invitation context does not select. */
export function findDeliveryState(db: Executor, organizationId: string, invitationId: string) {
  return db
    .selectFrom("invitations")
    .select(["unsubscribed_at", "complained_at", "bounced_at", "last_reminded_at"])
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .executeTakeFirst();
}
