import type { PartnerSnapshotSource } from "../../core/response-snapshot.js";
import type { Executor } from "../../db/database.js";
import { preparedQuery } from "../../db/prepared-query.js";
import {
  type InvitationContext,
  type InvitationRow,
  invitationContextQuery,
} from "../invitations/invitation.repository.js";
import type { ResponseRow } from "../responses/response.repository.js";

// The public survey pages answer every link with these statements: each is built and compiled once
// (preparedQuery), so a submit spends its time in the database, not in building SQL.

const linkByTokenHash = preparedQuery((db, p: { organizationId: string; hash: string }) =>
  invitationContextQuery(db)
    // Besides the invitation's context: the channel, and the partner attributes of a response snapshot.
    .select([
      "i.channel",
      "p.tier as partner_tier",
      "p.type as partner_type",
      "p.region as partner_region",
      "p.country as partner_country",
      "p.industry as partner_industry",
      "p.size as partner_size",
      "p.owner_user_id as partner_owner_user_id",
    ])
    .where("i.organization_id", "=", p.organizationId)
    .where("i.token_hash", "=", p.hash),
);

/** Everything the pages need about the invitation behind a link, and what a first answer snapshots. */
export type LinkedInvitation = InvitationContext & {
  channel: InvitationRow["channel"];
  /** The partner as it is now (p.* columns): a first answer freezes these into its snapshot. */
  partner_tier: string | null;
  partner_type: string | null;
  partner_region: string | null;
  partner_country: string | null;
  partner_industry: string | null;
  partner_size: string | null;
  partner_owner_user_id: string | null;
};

/** The invitation behind a link with its contact, partner, survey, organization and wave, in one query. */
export async function findLinkedInvitation(
  db: Executor,
  organizationId: string,
  hash: string,
): Promise<LinkedInvitation | undefined> {
  return (await linkByTokenHash(db, { organizationId, hash })).rows[0];
}

/** The partner attributes a first answer freezes into its snapshot, as the link lookup read them. */
export function partnerSnapshotSource(invitation: LinkedInvitation): PartnerSnapshotSource {
  return {
    partner_id: invitation.partner_id,
    tier: invitation.partner_tier,
    type: invitation.partner_type,
    region: invitation.partner_region,
    country: invitation.partner_country,
    industry: invitation.partner_industry,
    size: invitation.partner_size,
    owner_user_id: invitation.partner_owner_user_id,
  };
}

const responseByInvitation = preparedQuery((db, p: { organizationId: string; invitationId: string }) =>
  db
    .selectFrom("responses")
    .selectAll()
    .where("organization_id", "=", p.organizationId)
    .where("invitation_id", "=", p.invitationId),
);

export async function findResponseByInvitation(
  db: Executor,
  organizationId: string,
  invitationId: string,
): Promise<ResponseRow | undefined> {
  return (await responseByInvitation(db, { organizationId, invitationId })).rows[0];
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
  await clickInvitation(db, { organizationId, invitationId, at });
}

const clickInvitation = preparedQuery((db, p: { organizationId: string; invitationId: string; at: string }) =>
  db
    .updateTable("invitations")
    .set({ clicked_at: p.at })
    .where("organization_id", "=", p.organizationId)
    .where("invitation_id", "=", p.invitationId)
    .where("clicked_at", "is", null),
);

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
  await lockInvitation(trx, { organizationId, invitationId, at });
}

const lockInvitation = preparedQuery((db, p: { organizationId: string; invitationId: string; at: string }) =>
  db
    .updateTable("invitations")
    .set((eb) => ({ clicked_at: eb.fn.coalesce("clicked_at", eb.val(p.at)) }))
    .where("organization_id", "=", p.organizationId)
    .where("invitation_id", "=", p.invitationId),
);

export async function markInvitationResponded(
  trx: Executor,
  organizationId: string,
  invitationId: string,
  at: string,
): Promise<void> {
  await respondInvitation(trx, { organizationId, invitationId, at });
}

const respondInvitation = preparedQuery(
  (db, p: { organizationId: string; invitationId: string; at: string }) =>
    db
      .updateTable("invitations")
      .set({ status: "responded", responded_at: p.at })
      .where("organization_id", "=", p.organizationId)
      .where("invitation_id", "=", p.invitationId)
      .where("responded_at", "is", null),
);

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
