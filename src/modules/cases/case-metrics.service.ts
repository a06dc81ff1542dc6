import { zonedTimeToUtc } from "../../core/cases/business-days.js";
import { type CaseMetrics, computeCaseMetrics } from "../../core/cases/case-metrics.js";
import { systemClock } from "../../core/clock.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { caseMetricsQuerySchema } from "./case.js";
import { casesForMetrics, partnerCaseCountRows } from "./case.repository.js";
import { recoveriesForMetrics } from "./case-opening.repository.js";

/** Start of a local calendar day (organization time zone) as a UTC instant. */
function dayStart(date: string, timeZone: string, plusDays = 0): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + plusDays));
  return zonedTimeToUtc(
    { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    0,
    timeZone,
  ).toISOString();
}

/**
 * SLA, time-to-contact, open/overdue for cases opened in the period (from and to are inclusive local days);
 * recovery for answers recorded in the period. A partner manager sees only their partners.
 */
export async function caseMetrics(
  context: ServiceContext,
  query: unknown,
): Promise<CaseMetrics & { from: string | null; to: string | null }> {
  const parsed = parseInput(caseMetricsQuerySchema, query ?? {}, "query");
  const { timeZone } = await getOrganizationSettings(context.db, context.organizationId);
  const from = parsed.from ? dayStart(parsed.from, timeZone) : undefined;
  const before = parsed.to ? dayStart(parsed.to, timeZone, 1) : undefined;
  const scope = { organizationId: context.organizationId, ownerUserId: context.ownerUserId ?? null };
  const cases = await casesForMetrics(context.db, scope, {
    ...(from ? { createdFrom: from } : {}),
    ...(before ? { createdBefore: before } : {}),
    ...(parsed.partner ? { partnerId: parsed.partner } : {}),
  });
  let recoveries = await recoveriesForMetrics(context.db, scope, from, before);
  if (parsed.partner) recoveries = recoveries.filter((r) => r.partner_id === parsed.partner);
  const metrics = computeCaseMetrics(cases, recoveries, (context.clock ?? systemClock).now());
  return { ...metrics, from: parsed.from ?? null, to: parsed.to ?? null };
}

/** Open and overdue follow-up cases of one partner, for its scorecard. */
export function partnerCaseCounts(
  db: Executor,
  organizationId: string,
  partnerId: string,
  now: Date = systemClock.now(),
): Promise<{ open: number; overdue: number }> {
  return partnerCaseCountRows(db, organizationId, partnerId, now.toISOString());
}
