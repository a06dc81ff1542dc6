import type { Executor } from "../../db/database.js";
import { type OwnerScope, whereOwnedBy } from "../partners/partner-scope.js";

export interface InvitationTally {
  partner_id: string;
  wave_id: string | null;
  invited: number;
  bounced: number;
  responded: number;
}

export interface CoverageScope {
  waveIds?: string[];
  /** Invitations sent on or after / before these ISO timestamps. */
  sentFrom?: string;
  sentBefore?: string;
}

/** Invitations per partner and wave: sent, bounced, answered (one row per pair, not per invitation). */
export async function fetchInvitationTallies(
  db: Executor,
  organizationId: string,
  scope: CoverageScope,
): Promise<InvitationTally[]> {
  let query = db
    .selectFrom("invitations")
    .select((eb) => [
      "partner_id",
      "wave_id",
      eb.fn.countAll<number>().as("invited"),
      eb.fn.sum<number>(eb.case().when("bounced_at", "is not", null).then(1).else(0).end()).as("bounced"),
      eb.fn.sum<number>(eb.case().when("responded_at", "is not", null).then(1).else(0).end()).as("responded"),
    ])
    .where("organization_id", "=", organizationId)
    .where("sent_at", "is not", null)
    .groupBy(["partner_id", "wave_id"]);
  if (scope.waveIds?.length) query = query.where("wave_id", "in", scope.waveIds);
  if (scope.sentFrom) query = query.where("sent_at", ">=", scope.sentFrom);
  if (scope.sentBefore) query = query.where("sent_at", "<", scope.sentBefore);
  const rows = await query.execute();
  return rows.map((r) => ({
    partner_id: r.partner_id,
    wave_id: r.wave_id,
    invited: Number(r.invited),
    bounced: Number(r.bounced),
    responded: Number(r.responded),
  }));
}

export async function fetchPartnerFacts(db: Executor, scope: OwnerScope) {
  const query = db
    .selectFrom("partners")
    .select([
      "partner_id",
      "name",
      "tier",
      "type",
      "region",
      "owner_user_id",
      "annual_revenue",
      "strategic",
      "archived_at",
    ])
    .where("organization_id", "=", scope.organizationId);
  return whereOwnedBy(query, scope).execute();
}

export async function fetchLastResponseAt(db: Executor, organizationId: string, partnerIds: string[]) {
  if (partnerIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("responses")
    .select(["partner_id", (eb) => eb.fn.max("submitted_at").as("last")])
    .where("organization_id", "=", organizationId)
    .where("partner_id", "in", partnerIds)
    .groupBy("partner_id")
    .execute();
  return new Map(rows.map((r) => [r.partner_id, String(r.last)]));
}

export async function fetchWaves(db: Executor, organizationId: string) {
  return db
    .selectFrom("waves")
    .select(["wave_id", "name", "status", "opened_at", "closes_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("opened_at")
    .execute();
}
