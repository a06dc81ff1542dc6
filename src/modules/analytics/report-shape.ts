import type { OrganizationSettings } from "../../core/settings.js";
import type { NpsCounts, NpsMethod, NpsResult } from "../../core/statistics/types.js";
import type { ScoreCount } from "./report.repository.js";
import type { ReportPlan } from "./report-plan.js";
import type { PeriodField, ReportField, Weighting } from "./report-query.js";

export interface StatisticsOptions {
  method: NpsMethod;
  confidence: number;
  smallSampleThreshold: number;
}

export type NpsFigure = NpsResult & {
  weighting: Weighting;
  /** Responses behind the figure (equals n when weighting by responses). */
  responses: number;
  /** Kish effective sample size of a weighted figure; n when unweighted. */
  effective_n: number;
};

export interface NpsGroup extends NpsFigure {
  key: Partial<Record<ReportField, string | null>>;
}

export type ComputeFigure = (
  counts: NpsCounts,
  options: StatisticsOptions & { fractional: boolean },
) => NpsResult;

export function periodLabel(month: string, field: PeriodField): string {
  if (field === "month") return month;
  const year = month.slice(0, 4);
  if (field === "year") return year;
  return `${year}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

function groupKey(row: ScoreCount, plan: ReportPlan): Partial<Record<ReportField, string | null>> {
  const key: Partial<Record<ReportField, string | null>> = { ...row.segments };
  for (const field of plan.periodGroups)
    key[field] = row.period_month ? periodLabel(row.period_month, field) : null;
  return key;
}

function category(score: number): keyof NpsCounts {
  return score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors";
}

interface PartnerTally {
  weighted: NpsCounts;
  responses: number;
}

interface GroupTally {
  key: Partial<Record<ReportField, string | null>>;
  counts: NpsCounts;
  responses: number;
  partners: Map<string, PartnerTally>;
}

/** Folds grouped score counts into groups, then turns each group's counts into a figure with its interval. */
export function shapeReport(
  rows: ScoreCount[],
  plan: ReportPlan,
  groupBy: ReportField[],
  weighting: Weighting,
  settings: OrganizationSettings,
  revenue: Map<string, number>,
  options: StatisticsOptions,
  compute: ComputeFigure,
): { overall: NpsFigure; groups: NpsGroup[] } {
  const overall: GroupTally = { key: {}, counts: zero(), responses: 0, partners: new Map() };
  const groups = new Map<string, GroupTally>();
  for (const row of rows) {
    if (row.n === 0) continue;
    addRow(overall, row, settings);
    if (groupBy.length === 0) continue;
    const key = groupKey(row, plan);
    const id = JSON.stringify(groupBy.map((f) => key[f] ?? null));
    let group = groups.get(id);
    if (!group) {
      group = { key, counts: zero(), responses: 0, partners: new Map() };
      groups.set(id, group);
    }
    addRow(group, row, settings);
  }
  const figure = (tally: GroupTally) => toFigure(tally, weighting, revenue, options, compute);
  const shaped = [...groups.values()]
    .map((g) => ({ key: g.key, ...figure(g) }))
    .sort((a, b) => compareKeys(a.key, b.key, groupBy));
  return { overall: figure(overall), groups: shaped };
}

function zero(): NpsCounts {
  return { promoters: 0, passives: 0, detractors: 0 };
}

function addRow(tally: GroupTally, row: ScoreCount, settings: OrganizationSettings): void {
  const cat = category(row.score);
  tally.counts[cat] += row.n;
  tally.responses += row.n;
  if (row.partner_id === null) return;
  let partner = tally.partners.get(row.partner_id);
  if (!partner) {
    partner = { weighted: zero(), responses: 0 };
    tally.partners.set(row.partner_id, partner);
  }
  const roleWeight = (row.role ? settings.roleWeights[row.role] : undefined) ?? settings.defaultRoleWeight;
  partner.weighted[cat] += roleWeight * row.n;
  partner.responses += row.n;
}

/**
 * Partner and revenue weighting: each partner's role-weighted shares, averaged with weight 1 or its
 * revenue; the interval uses Kish's effective sample size (Σw)²/Σw² so heavy weights widen it honestly.
 */
function toFigure(
  tally: GroupTally,
  weighting: Weighting,
  revenue: Map<string, number>,
  options: StatisticsOptions,
  compute: ComputeFigure,
): NpsFigure {
  if (weighting === "responses") {
    const result = compute(tally.counts, { ...options, fractional: false });
    return { ...result, weighting, responses: tally.responses, effective_n: result.n };
  }
  let sumW = 0;
  let sumW2 = 0;
  const shares = zero();
  // Summed in partner-id order so the figure does not depend on the order rows came back in.
  const ordered = [...tally.partners].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [partnerId, partner] of ordered) {
    const w = weighting === "partners" ? 1 : (revenue.get(partnerId) ?? 0);
    const total = partner.weighted.promoters + partner.weighted.passives + partner.weighted.detractors;
    if (w <= 0 || total <= 0) continue;
    sumW += w;
    sumW2 += w * w;
    for (const cat of ["promoters", "passives", "detractors"] as const)
      shares[cat] += (w * partner.weighted[cat]) / total;
  }
  const effective = sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
  const counts =
    sumW > 0
      ? {
          promoters: (shares.promoters / sumW) * effective,
          passives: (shares.passives / sumW) * effective,
          detractors: (shares.detractors / sumW) * effective,
        }
      : zero();
  const result = compute(counts, { ...options, fractional: true });
  const partners = [...tally.partners.keys()].filter(
    (id) => weighting === "partners" || (revenue.get(id) ?? 0) > 0,
  );
  const scale = effective > 0 ? partners.length / effective : 0;
  return {
    ...result,
    n: partners.length,
    promoters: counts.promoters * scale,
    passives: counts.passives * scale,
    detractors: counts.detractors * scale,
    small_sample: effective < options.smallSampleThreshold,
    weighting,
    responses: tally.responses,
    effective_n: effective,
  };
}

function compareKeys(
  a: Partial<Record<ReportField, string | null>>,
  b: Partial<Record<ReportField, string | null>>,
  fields: ReportField[],
): number {
  for (const field of fields) {
    const x = a[field] ?? "";
    const y = b[field] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
