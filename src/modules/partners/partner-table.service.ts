import { parseInput } from "../../core/validation.js";
import { fetchInvitationTallies, fetchLastResponseAt } from "../analytics/coverage.repository.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import type { ServiceContext } from "./partner.service.js";
import { fetchPartnerQuarterCounts, partnerScores, type QuarterPoint } from "./partner-figures.js";
import {
  type PartnerTableQuery,
  type PartnerTableRow,
  type PartnerTableSort,
  partnerTableQuerySchema,
} from "./partner-table.js";
import { fetchTablePartners } from "./partner-table.repository.js";

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();
}

/** Invitations answered per partner among those delivered (sent minus bounced) in the period. */
async function responseRates(context: ServiceContext, query: PartnerTableQuery) {
  const tallies = await fetchInvitationTallies(context.db, context.organizationId, {
    ...(query.from ? { sentFrom: `${query.from}T00:00:00.000Z` } : {}),
    ...(query.to ? { sentBefore: nextDay(query.to) } : {}),
  });
  const byPartner = new Map<string, { invited: number; delivered: number; responded: number }>();
  for (const t of tallies) {
    const entry = byPartner.get(t.partner_id) ?? { invited: 0, delivered: 0, responded: 0 };
    entry.invited += t.invited;
    entry.delivered += t.invited - t.bounced;
    entry.responded += t.responded;
    byPartner.set(t.partner_id, entry);
  }
  return byPartner;
}

const sortValue: Record<PartnerTableSort, (row: PartnerTableRow) => string | number | null> = {
  name: (r) => r.name.toLowerCase(),
  tier: (r) => r.tier,
  type: (r) => r.type,
  region: (r) => r.region,
  owner: (r) => r.owner?.name ?? r.owner?.userId ?? null,
  nps: (r) => r.nps,
  low: (r) => r.interval?.low ?? null,
  high: (r) => r.interval?.high ?? null,
  n: (r) => r.n,
  trend: (r) => r.trend?.delta ?? null,
  lastResponseAt: (r) => r.lastResponseAt,
  responseRate: (r) => r.responseRate,
  revenue: (r) => r.annualRevenue,
};

/** Missing values sort last in either direction; ties fall back to name, then id, so pages are stable. */
function compareRows(sort: PartnerTableSort, order: "asc" | "desc") {
  const direction = order === "asc" ? 1 : -1;
  return (a: PartnerTableRow, b: PartnerTableRow): number => {
    const x = sortValue[sort](a);
    const y = sortValue[sort](b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * direction;
    }
    const byName = a.name.toLowerCase().localeCompare(b.name.toLowerCase());
    return byName !== 0 ? byName : a.partnerId < b.partnerId ? -1 : 1;
  };
}

/** The change people read (latest NPS minus the previous one) with the two-sample test's p and flag. */
function trendOf(quarters: QuarterPoint[]): PartnerTableRow["trend"] {
  const latest = quarters.at(-1);
  const previous = quarters.at(-2);
  if (!latest?.change || !previous || latest.nps === null || previous.nps === null) return null;
  return {
    period: latest.period,
    fromPeriod: previous.period,
    delta: latest.nps - previous.nps,
    p: latest.change.p,
    significant: latest.change.significant,
  };
}

/** The dashboard's partners table: each partner in scope with NPS, interval, trend, recency and response rate. */
export async function runPartnerTable(context: ServiceContext, rawQuery: unknown) {
  const query = parseInput(partnerTableQuerySchema, rawQuery, "partners table query");
  const settings = await getOrganizationSettings(context.db, context.organizationId);
  const [partners, counts, rates] = await Promise.all([
    fetchTablePartners(context.db, context, query),
    fetchPartnerQuarterCounts(context.db, context, {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    }),
    responseRates(context, query),
  ]);
  const last = await fetchLastResponseAt(
    context.db,
    context.organizationId,
    partners.map((p) => p.partner_id),
  );
  const rows: PartnerTableRow[] = partners.map((p) => {
    const scores = partnerScores(counts.get(p.partner_id) ?? [], settings);
    const rate = rates.get(p.partner_id);
    return {
      partnerId: p.partner_id,
      name: p.name,
      tier: p.tier,
      type: p.type,
      region: p.region,
      strategic: Number(p.strategic) === 1,
      annualRevenue: p.annual_revenue === null ? null : Number(p.annual_revenue),
      owner: p.owner_user_id ? { userId: p.owner_user_id, name: p.owner_name ?? null } : null,
      nps: scores.overall.nps,
      npsRounded: scores.overall.nps_rounded,
      interval: scores.overall.interval,
      n: scores.overall.n,
      effectiveN: scores.overall.effective_n,
      smallSample: scores.overall.small_sample,
      trend: trendOf(scores.quarters),
      lastResponseAt: last.get(p.partner_id) ?? null,
      invited: rate?.invited ?? 0,
      responded: rate?.responded ?? 0,
      responseRate: rate && rate.delivered > 0 ? rate.responded / rate.delivered : null,
    };
  });
  rows.sort(compareRows(query.sort, query.order));
  const offset = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(offset, offset + query.pageSize),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
    method: settings.intervalMethod,
    confidence: settings.confidence,
    roleWeights: { ...settings.roleWeights, default: settings.defaultRoleWeight },
  };
}
