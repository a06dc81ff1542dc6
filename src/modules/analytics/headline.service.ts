import { bandFor } from "../../core/settings.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import { runCoverage } from "./coverage.service.js";
import { runNpsReport } from "./report.service.js";

/** The overview's headline: NPS with band, interval, n and method, plus response rate and coverage. */
export async function runHeadline(
  db: Executor,
  organizationId: string,
  query: Record<string, unknown>,
  ownerUserId: string | null = null,
) {
  const settings = await getOrganizationSettings(db, organizationId);
  const report = await runNpsReport(db, organizationId, { ...query, groupBy: [] }, ownerUserId);
  const filters = (query.filters ?? {}) as Record<string, string[]>;
  const coverage = await runCoverage(
    db,
    organizationId,
    {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...(filters.tier ? { tier: filters.tier } : {}),
      ...(filters.region ? { region: filters.region } : {}),
      ...(filters.type ? { type: filters.type } : {}),
      ...(filters.owner ? { owner: filters.owner } : {}),
    },
    ownerUserId,
  );
  // The band follows the number people read (rounded half away from zero), so "30" never shows as "low".
  const band =
    report.overall.nps_rounded === null ? null : bandFor(report.overall.nps_rounded, settings.bands);
  return {
    nps: report.overall,
    band,
    bands: settings.bands,
    coverage: coverage.overall,
    silent_strategic_partners: coverage.silent_strategic_partners.length,
  };
}
