import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import { analyticsQueryFromUrl, coverageQueryFromUrl } from "./analytics-query.js";
import { runCoverage } from "./coverage.service.js";
import { runDistribution } from "./distribution.service.js";
import { runHeadline } from "./headline.service.js";
import { runPartnerScores } from "./partner-scores.service.js";
import { runNpsReport } from "./report.service.js";
import { runSegmentComparison } from "./segments.service.js";
import { runTrend } from "./trend.service.js";

type Query = { Querystring: Record<string, string | string[] | undefined> };

/** One endpoint per dashboard widget; each reads: validate → permission → service → JSON. */
export function registerAnalyticsRoutes(app: FastifyInstance, context: AppContext): void {
  const reader = (request: FastifyRequest) => serviceContext(context, request, "read");
  const widgets = {
    nps: runNpsReport,
    headline: runHeadline,
    trend: runTrend,
    segments: runSegmentComparison,
    distribution: runDistribution,
    partners: runPartnerScores,
  } as const;
  for (const [name, run] of Object.entries(widgets)) {
    app.get<Query>(`/api/v1/analytics/${name}`, async (request) => {
      const { db, organizationId, ownerUserId } = reader(request);
      return run(db, organizationId, analyticsQueryFromUrl(request.query), ownerUserId ?? null);
    });
  }
  app.get<Query>("/api/v1/analytics/coverage", async (request) => {
    const { db, organizationId, ownerUserId } = reader(request);
    return runCoverage(db, organizationId, coverageQueryFromUrl(request.query), ownerUserId ?? null);
  });
}
