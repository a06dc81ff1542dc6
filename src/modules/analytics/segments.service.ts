import { z } from "zod";
import { ValidationError } from "../../core/errors.js";
import type { NpsCounts } from "../../core/statistics/types.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { compareFigures, countsOf, type FlaggedComparison } from "./comparison.js";
import { runNpsReport } from "./report.service.js";
import { npsReportQuerySchema, periodFields, segmentFields } from "./report-query.js";
import type { NpsFigure } from "./report-shape.js";

export const segmentQuerySchema = npsReportQuerySchema.omit({ groupBy: true }).extend({
  dimension: z.enum(segmentFields).default("tier"),
  period: z.enum(periodFields).optional(),
});

export interface SegmentCell extends NpsFigure {
  value: string | null;
  period: string | null;
  /** The segment against the rest of the program in the same period. */
  vs_rest: FlaggedComparison | null;
}

function minus(total: NpsCounts, part: NpsCounts): NpsCounts {
  return {
    promoters: total.promoters - part.promoters,
    passives: total.passives - part.passives,
    detractors: total.detractors - part.detractors,
  };
}

/**
 * Every segment compared with the rest of the program (overall and per period, for a heatmap):
 * significant gaps are flagged, small samples marked. Counts must add up, so weighting is by responses.
 */
export async function runSegmentComparison(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
) {
  const query = parseInput(segmentQuerySchema, rawQuery, "segment query");
  if (query.weighting !== "responses") {
    throw new ValidationError(
      "Segment comparisons are computed on responses: the rest of a weighted program is not a difference of counts",
      [{ field: "weighting", message: "must be responses" }],
    );
  }
  const { dimension, period, ...rest } = query;
  const bySegment = await runNpsReport(db, organizationId, { ...rest, groupBy: [dimension] }, ownerUserId);
  const method = bySegment.overall.method;
  const confidence = bySegment.overall.confidence;
  const total = countsOf(bySegment.overall);
  const segments: SegmentCell[] = bySegment.groups.map(({ key, ...figure }) => ({
    ...figure,
    value: key[dimension] ?? null,
    period: null,
    vs_rest: compareFigures(countsOf(figure), minus(total, countsOf(figure)), method, confidence),
  }));
  let cells: SegmentCell[] = [];
  let periods: { period: string; figure: NpsFigure }[] = [];
  if (period) {
    const [cellReport, periodReport] = await Promise.all([
      runNpsReport(db, organizationId, { ...rest, groupBy: [dimension, period] }, ownerUserId),
      runNpsReport(db, organizationId, { ...rest, groupBy: [period] }, ownerUserId),
    ]);
    const periodTotals = new Map(periodReport.groups.map((g) => [String(g.key[period]), g]));
    periods = periodReport.groups.map(({ key, ...figure }) => ({ period: String(key[period]), figure }));
    cells = cellReport.groups.map(({ key, ...figure }) => {
      const periodTotal = periodTotals.get(String(key[period]));
      return {
        ...figure,
        value: key[dimension] ?? null,
        period: String(key[period]),
        vs_rest: periodTotal
          ? compareFigures(
              countsOf(figure),
              minus(countsOf(periodTotal), countsOf(figure)),
              method,
              confidence,
            )
          : null,
      };
    });
  }
  return { dimension, period: period ?? null, overall: bySegment.overall, segments, periods, cells };
}
