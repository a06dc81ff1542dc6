import type { Executor } from "../../db/database.js";
import type { ResponseRow } from "../responses/response.repository.js";

export function findResponseByInvitation(
  db: Executor,
  organizationId: string,
  invitationId: string,
): Promise<ResponseRow | undefined> {
  return db
    .selectFrom("responses")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .executeTakeFirst();
}

/** The partner attributes a first answer freezes into its snapshot. */
export function findPartnerSnapshotSource(db: Executor, organizationId: string, partnerId: string) {
  return db
    .selectFrom("partners")
    .select(["partner_id", "tier", "type", "region", "country", "industry", "size", "owner_user_id"])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "=", partnerId)
    .executeTakeFirstOrThrow();
}

export async function findWaveClosedAt(
  db: Executor,
  organizationId: string,
  waveId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("waves")
    .select(["closed_at", "closes_at"])
    .where("organization_id", "=", organizationId)
    .where("wave_id", "=", waveId)
    .executeTakeFirst();
  return row?.closed_at ?? row?.closes_at ?? null;
}

/** Opening the page records the first click; it never touches the response. */
export async function markInvitationClicked(
  db: Executor,
  organizationId: string,
  invitationId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ clicked_at: at })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("clicked_at", "is", null)
    .execute();
}

/**
 * First statement of a submit: updating the invitation row locks it on PostgreSQL, so two submits of one
 * invitation run one after the other and the second sees the first's response (SQLite has one writer).
 */
export async function lockInvitationForSubmit(
  trx: Executor,
  organizationId: string,
  invitationId: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable("invitations")
    .set((eb) => ({ clicked_at: eb.fn.coalesce("clicked_at", eb.val(at)) }))
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .execute();
}

export async function markInvitationResponded(
  trx: Executor,
  organizationId: string,
  invitationId: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable("invitations")
    .set({ status: "responded", responded_at: at })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("responded_at", "is", null)
    .execute();
}

/** Returns whether the contact was still subscribed (so the caller audits only the real change). */
export async function unsubscribeContact(
  trx: Executor,
  organizationId: string,
  contactId: string,
  invitationId: string,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable("contacts")
    .set({ unsubscribed_at: at, updated_at: at })
    .where("organization_id", "=", organizationId)
    .where("contact_id", "=", contactId)
    .where("unsubscribed_at", "is", null)
    .executeTakeFirst();
  await trx
    .updateTable("invitations")
    .set({ unsubscribed_at: at })
    .where("organization_id", "=", organizationId)
    .where("invitation_id", "=", invitationId)
    .where("unsubscribed_at", "is", null)
    .execute();
  return Number(result.numUpdatedRows) > 0;
}
