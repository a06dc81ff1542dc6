import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { fetchScoreCounts } from "./report.repository.js";
import { planReport } from "./report-plan.js";
import { npsReportQuerySchema } from "./report-query.js";

const distributionQuerySchema = npsReportQuerySchema.omit({ groupBy: true, weighting: true });

/** How many responses gave each score 0–10, grouped into detractors, passives and promoters. */
export async function runDistribution(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
) {
  const query = parseInput(distributionQuerySchema, rawQuery, "distribution query");
  const plan = planReport({ ...query, groupBy: [], weighting: "responses" }, ownerUserId);
  const rows = await fetchScoreCounts(db, organizationId, plan);
  const scores = Array.from({ length: 11 }, (_, score) => ({ score, responses: 0 }));
  for (const row of rows) scores[row.score]!.responses += row.n;
  const n = scores.reduce((sum, s) => sum + s.responses, 0);
  const sum = (from: number, to: number) => scores.slice(from, to + 1).reduce((t, s) => t + s.responses, 0);
  return {
    n,
    scores: scores.map((s) => ({ ...s, share: n ? s.responses / n : null })),
    groups: {
      detractors: sum(0, 6),
      passives: sum(7, 8),
      promoters: sum(9, 10),
    },
    source: plan.source,
  };
}
