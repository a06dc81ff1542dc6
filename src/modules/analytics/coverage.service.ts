import { z } from "zod";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import {
  fetchInvitationTallies,
  fetchLastResponseAt,
  fetchPartnerFacts,
  fetchWaves,
  type InvitationTally,
} from "./coverage.repository.js";
import { isoDate } from "./report-query.js";

export const coverageQuerySchema = z.object({
  wave: z.array(z.string()).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  tier: z.array(z.string()).optional(),
  region: z.array(z.string()).optional(),
  type: z.array(z.string()).optional(),
  owner: z.array(z.string()).optional(),
  /** Tiers counted as strategic besides partners flagged strategic. */
  strategic_tiers: z.array(z.string()).default([]),
});

export interface CoverageFigures {
  invited: number;
  delivered: number;
  bounced: number;
  responded: number;
  response_rate: number | null;
  partners_invited: number;
  partners_responded: number;
  partner_coverage: number | null;
  revenue_invited: number;
  revenue_responded: number;
  revenue_coverage: number | null;
}

function summarize(tallies: InvitationTally[], revenueOf: (partnerId: string) => number): CoverageFigures {
  const invitedPartners = new Set<string>();
  const respondedPartners = new Set<string>();
  let invited = 0;
  let bounced = 0;
  let responded = 0;
  for (const t of tallies) {
    invited += t.invited;
    bounced += t.bounced;
    responded += t.responded;
    invitedPartners.add(t.partner_id);
    if (t.responded > 0) respondedPartners.add(t.partner_id);
  }
  const revenue = (ids: Set<string>) => [...ids].reduce((sum, id) => sum + revenueOf(id), 0);
  const delivered = invited - bounced;
  const revenueInvited = revenue(invitedPartners);
  const revenueResponded = revenue(respondedPartners);
  return {
    invited,
    delivered,
    bounced,
    responded,
    response_rate: delivered > 0 ? responded / delivered : null,
    partners_invited: invitedPartners.size,
    partners_responded: respondedPartners.size,
    partner_coverage: invitedPartners.size ? respondedPartners.size / invitedPartners.size : null,
    revenue_invited: revenueInvited,
    revenue_responded: revenueResponded,
    revenue_coverage: revenueInvited > 0 ? revenueResponded / revenueInvited : null,
  };
}

/**
 * Response rate (answered / delivered invitations) and coverage (share of invited partners and of their
 * revenue that answered), overall and per wave, with the strategic partners that stayed silent listed.
 */
export async function runCoverage(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
) {
  const query = parseInput(coverageQuerySchema, rawQuery, "coverage query");
  // Tallies of partners outside the scope find no facts below and drop out with them.
  const partners = await fetchPartnerFacts(db, { organizationId, ownerUserId });
  const byId = new Map(partners.map((p) => [p.partner_id, p]));
  const keep = (partnerId: string) => {
    const p = byId.get(partnerId);
    if (!p) return false;
    const match = (values: string[] | undefined, value: string | null) =>
      !values?.length || values.includes(value ?? "");
    return (
      match(query.tier, p.tier) &&
      match(query.region, p.region) &&
      match(query.type, p.type) &&
      match(query.owner, p.owner_user_id)
    );
  };
  const tallies = (
    await fetchInvitationTallies(db, organizationId, {
      ...(query.wave ? { waveIds: query.wave } : {}),
      ...(query.from ? { sentFrom: `${query.from}T00:00:00.000Z` } : {}),
      ...(query.to
        ? { sentBefore: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString() }
        : {}),
    })
  ).filter((t) => keep(t.partner_id));
  const revenueOf = (id: string) => Number(byId.get(id)?.annual_revenue ?? 0);
  const waves = await fetchWaves(db, organizationId);
  const perWave = waves
    .map((wave) => ({
      wave_id: wave.wave_id,
      name: wave.name,
      status: wave.status,
      ...summarize(
        tallies.filter((t) => t.wave_id === wave.wave_id),
        revenueOf,
      ),
    }))
    .filter((w) => w.invited > 0);

  const isStrategic = (id: string) => {
    const p = byId.get(id);
    return !!p && (p.strategic === 1 || (p.tier !== null && query.strategic_tiers.includes(p.tier)));
  };
  const invitedStrategic = new Map<string, number>();
  const answered = new Set<string>();
  for (const t of tallies) {
    if (!isStrategic(t.partner_id)) continue;
    invitedStrategic.set(t.partner_id, (invitedStrategic.get(t.partner_id) ?? 0) + t.invited);
    if (t.responded > 0) answered.add(t.partner_id);
  }
  const silentIds = [...invitedStrategic.keys()].filter((id) => !answered.has(id));
  const lastResponse = await fetchLastResponseAt(db, organizationId, silentIds);
  const silent = silentIds
    .map((id) => {
      const p = byId.get(id)!;
      return {
        partner_id: id,
        name: p.name,
        tier: p.tier,
        region: p.region,
        owner_user_id: p.owner_user_id,
        annual_revenue: p.annual_revenue,
        contacts_invited: invitedStrategic.get(id) ?? 0,
        last_response_at: lastResponse.get(id) ?? null,
      };
    })
    .sort((a, b) => (b.annual_revenue ?? 0) - (a.annual_revenue ?? 0));
  return { overall: summarize(tallies, revenueOf), waves: perWave, silent_strategic_partners: silent };
}
