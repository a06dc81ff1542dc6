import type { OrganizationSettings } from "../../core/settings.js";
import type { Executor } from "../../db/database.js";
import { compareFigures, countsOf, type FlaggedComparison } from "../analytics/comparison.js";
import { partnerFigure } from "../analytics/partner-scores.service.js";
import { fetchScoreCounts, type ScoreCount } from "../analytics/report.repository.js";
import { planReport } from "../analytics/report-plan.js";
import { periodLabel } from "../analytics/report-shape.js";
import type { OwnerScope } from "./partner-scope.js";

export type PartnerFigure = ReturnType<typeof partnerFigure>;

export interface QuarterPoint extends PartnerFigure {
  period: string;
  /** Against the previous quarter with answers, as the analytics trend compares (null for the first). */
  change: (FlaggedComparison & { from_period: string }) | null;
}

export interface PartnerScores {
  overall: PartnerFigure;
  quarters: QuarterPoint[];
}

/** Each partner's counts by quarter and contact role, read from the per-partner rollup within the scope. */
export async function fetchPartnerQuarterCounts(
  db: Executor,
  scope: OwnerScope,
  options: { partnerIds?: string[]; from?: string; to?: string },
): Promise<Map<string, ScoreCount[]>> {
  const plan = planReport(
    {
      groupBy: ["quarter"],
      filters: options.partnerIds ? { partner: options.partnerIds } : {},
      weighting: "partners",
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    },
    scope.ownerUserId ?? null,
  );
  const rows = await fetchScoreCounts(db, scope.organizationId, plan);
  const byPartner = new Map<string, ScoreCount[]>();
  for (const row of rows) {
    if (!row.partner_id || row.n === 0) continue;
    const list = byPartner.get(row.partner_id) ?? [];
    list.push(row);
    byPartner.set(row.partner_id, list);
  }
  return byPartner;
}

export function statisticsOptions(settings: OrganizationSettings) {
  return {
    method: settings.intervalMethod,
    confidence: settings.confidence,
    smallSampleThreshold: settings.smallSampleThreshold,
    fractional: true,
  };
}

/** A partner's role-weighted NPS overall and per quarter, each quarter compared with the one before. */
export function partnerScores(rows: ScoreCount[], settings: OrganizationSettings): PartnerScores {
  const options = statisticsOptions(settings);
  const byQuarter = new Map<string, ScoreCount[]>();
  for (const row of rows) {
    const period = periodLabel(row.period_month ?? "", "quarter");
    byQuarter.set(period, [...(byQuarter.get(period) ?? []), row]);
  }
  const quarters: QuarterPoint[] = [...byQuarter]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, quarterRows]) => ({
      ...partnerFigure(quarterRows, settings, options),
      period,
      change: null,
    }));
  for (let i = 1; i < quarters.length; i++) {
    const previous = quarters[i - 1]!;
    const current = quarters[i]!;
    const change = compareFigures(countsOf(current), countsOf(previous), options.method, options.confidence);
    current.change = change ? { ...change, from_period: previous.period } : null;
  }
  return { overall: partnerFigure(rows, settings, options), quarters };
}
