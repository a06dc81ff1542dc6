import { z } from "zod";
import type { OrganizationSettings } from "../../core/settings.js";
import { roundHalfAwayFromZero } from "../../core/statistics/nps.js";
import type { NpsCounts } from "../../core/statistics/types.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import { fetchLastResponseAt, fetchPartnerFacts } from "./coverage.repository.js";
import { computeFigure } from "./figure.js";
import { fetchScoreCounts, type ScoreCount } from "./report.repository.js";
import { planReport } from "./report-plan.js";
import { npsReportQuerySchema } from "./report-query.js";
import type { NpsFigure } from "./report-shape.js";

export const partnerScoresQuerySchema = npsReportQuerySchema.omit({ groupBy: true, weighting: true }).extend({
  sort: z.enum(["nps", "name", "responses", "revenue"]).default("nps"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

interface RoleTally {
  weighted: NpsCounts;
  sumW: number;
  sumW2: number;
  responses: number;
}

/**
 * A partner's NPS from its contacts, each response weighted by its contact's role (settings.roleWeights);
 * the interval uses the Kish effective size of those weights, so one executive does not pass for many.
 */
export function partnerFigure(
  rows: ScoreCount[],
  settings: OrganizationSettings,
  options: Parameters<typeof computeFigure>[1],
) {
  const tally: RoleTally = {
    weighted: { promoters: 0, passives: 0, detractors: 0 },
    sumW: 0,
    sumW2: 0,
    responses: 0,
  };
  for (const row of rows) {
    const w = (row.role ? settings.roleWeights[row.role] : undefined) ?? settings.defaultRoleWeight;
    const category = row.score >= 9 ? "promoters" : row.score >= 7 ? "passives" : "detractors";
    tally.weighted[category] += w * row.n;
    tally.sumW += w * row.n;
    tally.sumW2 += w * w * row.n;
    tally.responses += row.n;
  }
  const effective = tally.sumW2 > 0 ? (tally.sumW * tally.sumW) / tally.sumW2 : 0;
  const scale = tally.sumW > 0 ? effective / tally.sumW : 0;
  const counts = {
    promoters: tally.weighted.promoters * scale,
    passives: tally.weighted.passives * scale,
    detractors: tally.weighted.detractors * scale,
  };
  const result = computeFigure(counts, { ...options, fractional: true });
  // The score from the unscaled weighted tally: rescaled counts put float noise on it (an all-10 partner
  // read 99.99999999999999), which broke equal-score ordering and band edges.
  const nps =
    result.nps === null ? null : (100 * (tally.weighted.promoters - tally.weighted.detractors)) / tally.sumW;
  return {
    ...result,
    nps,
    nps_rounded: nps === null ? null : roundHalfAwayFromZero(nps),
    n: tally.responses,
    small_sample: effective < options.smallSampleThreshold,
    effective_n: effective,
    responses: tally.responses,
  };
}

/** Every partner with answers in scope: its role-weighted NPS, interval, response count and last answer. */
export async function runPartnerScores(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
) {
  const query = parseInput(partnerScoresQuerySchema, rawQuery, "partner scores query");
  const settings = await getOrganizationSettings(db, organizationId);
  const plan = planReport({ ...query, groupBy: [], weighting: "partners" }, ownerUserId);
  const rows = await fetchScoreCounts(db, organizationId, plan);
  const byPartner = new Map<string, ScoreCount[]>();
  for (const row of rows) {
    if (!row.partner_id || row.n === 0) continue;
    const list = byPartner.get(row.partner_id) ?? [];
    list.push(row);
    byPartner.set(row.partner_id, list);
  }
  const options = {
    method: query.method ?? settings.intervalMethod,
    confidence: query.confidence ?? settings.confidence,
    smallSampleThreshold: query.smallSampleThreshold ?? settings.smallSampleThreshold,
    fractional: true,
  };
  const facts = new Map(
    (await fetchPartnerFacts(db, { organizationId, ownerUserId })).map((p) => [p.partner_id, p]),
  );
  const scored = [...byPartner].map(([partnerId, partnerRows]) => {
    const fact = facts.get(partnerId);
    const figure: NpsFigure = { ...partnerFigure(partnerRows, settings, options), weighting: "responses" };
    return {
      partner_id: partnerId,
      name: fact?.name ?? partnerId,
      tier: fact?.tier ?? null,
      type: fact?.type ?? null,
      region: fact?.region ?? null,
      owner_user_id: fact?.owner_user_id ?? null,
      annual_revenue: fact?.annual_revenue ?? null,
      strategic: fact?.strategic === 1,
      ...figure,
    };
  });
  const direction = query.order === "asc" ? 1 : -1;
  const value = (p: (typeof scored)[number]): number | string =>
    query.sort === "name"
      ? p.name
      : query.sort === "responses"
        ? p.responses
        : query.sort === "revenue"
          ? (p.annual_revenue ?? 0)
          : (p.nps ?? 0);
  scored.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return x === y ? (a.partner_id < b.partner_id ? -1 : 1) : (x < y ? -1 : 1) * direction;
  });
  const page = scored.slice(query.offset, query.offset + query.limit);
  const last = await fetchLastResponseAt(
    db,
    organizationId,
    page.map((p) => p.partner_id),
  );
  return {
    items: page.map((p) => ({ ...p, last_response_at: last.get(p.partner_id) ?? null })),
    total: scored.length,
    limit: query.limit,
    offset: query.offset,
    role_weights: { ...settings.roleWeights, default: settings.defaultRoleWeight },
  };
}
