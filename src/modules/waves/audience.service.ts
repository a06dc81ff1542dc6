import { type AudiencePlan, describeExclusion, planAudience, quarterStart } from "../../core/audience.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import type { Audience } from "./wave.js";
import {
  fetchAudienceCandidates,
  fetchLastInvitedAt,
  fetchPartnerInvitationCounts,
  fetchWaveContactIds,
} from "./wave.repository.js";

export type Candidate = Awaited<ReturnType<typeof fetchAudienceCandidates>>[number];

/** The audience of a wave now: who gets it and who is excluded, with the organization's own fatigue rules. */
export async function computeAudience(
  db: Executor,
  organizationId: string,
  audience: Audience,
  now: Date,
  waveId: string | null,
): Promise<{ plan: AudiencePlan; contacts: Map<string, Candidate> }> {
  const settings = await getOrganizationSettings(db, organizationId);
  const rows = await fetchAudienceCandidates(db, organizationId, audience);
  const lastInvited = await fetchLastInvitedAt(db, organizationId);
  const plan = planAudience(
    rows.map((row) => ({
      contact_id: row.contact_id,
      partner_id: row.partner_id,
      email: row.email,
      role: row.role,
      consent: row.consent === 1,
      unsubscribed_at: row.unsubscribed_at,
      bounced_at: row.bounced_at,
      last_invited_at: lastInvited.get(row.contact_id) ?? null,
    })),
    settings.fatigue,
    now,
    {
      alreadyInvited: waveId ? await fetchWaveContactIds(db, organizationId, waveId) : new Set(),
      partnerInvitationsThisQuarter: await fetchPartnerInvitationCounts(
        db,
        organizationId,
        quarterStart(now).toISOString(),
      ),
    },
  );
  return { plan, contacts: new Map(rows.map((r) => [r.contact_id, r])) };
}

/** The preview a person reads before launching: every recipient and every exclusion with its reason. */
export function describeAudience(plan: AudiencePlan, contacts: Map<string, Candidate>) {
  const show = (contactId: string) => {
    const c = contacts.get(contactId)!;
    return {
      contact_id: c.contact_id,
      name: c.name,
      email: c.email,
      role: c.role,
      partner_id: c.partner_id,
      partner: c.partner_name,
      tier: c.tier,
    };
  };
  const reasons = new Map<string, number>();
  for (const { reason } of plan.excluded) reasons.set(reason.code, (reasons.get(reason.code) ?? 0) + 1);
  return {
    recipients: plan.included.length,
    partners: new Set(plan.included.map((c) => c.partner_id)).size,
    excluded: plan.excluded.length,
    excluded_by_reason: Object.fromEntries(reasons),
    included: plan.included.map((c) => show(c.contact_id)),
    exclusions: plan.excluded.map(({ candidate, reason }) => ({
      ...show(candidate.contact_id),
      reason: reason.code,
      explanation: describeExclusion(reason),
    })),
  };
}
