import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import { computeFigure } from "./figure.js";
import { fetchPartnerRevenue, fetchScoreCounts } from "./report.repository.js";
import { planReport } from "./report-plan.js";
import { type NpsReportQuery, npsReportQuerySchema } from "./report-query.js";
import { type NpsFigure, type NpsGroup, shapeReport } from "./report-shape.js";

export interface NpsReport {
  overall: NpsFigure;
  groups: NpsGroup[];
  query: NpsReportQuery;
  /** Which table answered: "score_rollups", "response_rollups" or "responses". */
  source: string;
}

/** Parse → plan → SQL → shape: NPS with its interval for any filter and grouping. */
export async function runNpsReport(
  db: Executor,
  organizationId: string,
  rawQuery: unknown,
  ownerUserId: string | null = null,
): Promise<NpsReport> {
  const query = parseInput(npsReportQuerySchema, rawQuery, "report query");
  const settings = await getOrganizationSettings(db, organizationId);
  const plan = planReport(query, ownerUserId);
  const rows = await fetchScoreCounts(db, organizationId, plan);
  const revenue = query.weighting === "revenue" ? await fetchPartnerRevenue(db, organizationId) : new Map();
  const options = {
    method: query.method ?? settings.intervalMethod,
    confidence: query.confidence ?? settings.confidence,
    smallSampleThreshold: query.smallSampleThreshold ?? settings.smallSampleThreshold,
  };
  const shaped = shapeReport(
    rows,
    plan,
    query.groupBy,
    query.weighting,
    settings,
    revenue,
    options,
    computeFigure,
  );
  return { ...shaped, query, source: plan.source };
}
