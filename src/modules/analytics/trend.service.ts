import { z } from "zod";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { compareFigures, countsOf, type FlaggedComparison } from "./comparison.js";
import { runNpsReport } from "./report.service.js";
import { npsReportQuerySchema, periodFields, segmentFields } from "./report-query.js";
import type { NpsFigure } from "./report-shape.js";

export const trendQuerySchema = npsReportQuerySchema.omit({ groupBy: true }).extend({
  period: z.enum(periodFields).default("quarter"),
  /** Optional: one series per value of this segment field instead of one for the program. */
  series: z.enum(segmentFields).optional(),
});

export interface TrendPoint extends NpsFigure {
  period: string;
  /** This period against the previous one with data (null for the first). */
  change: (FlaggedComparison & { from_period: string }) | null;
}

export interface TrendSeries {
  key: string | null;
  points: TrendPoint[];
}

/** NPS per period with its interval and the significance of each period's change against the previous one. */
export async function runTrend(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
) {
  const query = parseInput(trendQuerySchema, rawQuery, "trend query");
  const { period, series, ...rest } = query;
  const report = await runNpsReport(
    db,
    organizationId,
    {
      ...rest,
      groupBy: series ? [series, period] : [period],
    },
    ownerUserId,
  );
  const bySeries = new Map<string | null, TrendPoint[]>();
  for (const group of report.groups) {
    const key = series ? (group.key[series] ?? null) : null;
    const points = bySeries.get(key) ?? [];
    const { key: groupKey, ...figure } = group;
    points.push({ ...figure, period: String(groupKey[period]), change: null });
    bySeries.set(key, points);
  }
  const method = report.overall.method;
  const confidence = report.overall.confidence;
  const out: TrendSeries[] = [];
  for (const [key, points] of bySeries) {
    points.sort((a, b) => (a.period < b.period ? -1 : 1));
    for (let i = 1; i < points.length; i++) {
      const previous = points[i - 1]!;
      const current = points[i]!;
      const change = compareFigures(countsOf(current), countsOf(previous), method, confidence);
      current.change = change ? { ...change, from_period: previous.period } : null;
    }
    out.push({ key, points });
  }
  return { period, series: series ?? null, overall: report.overall, lines: out, source: report.source };
}
