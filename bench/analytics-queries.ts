/**
 * The two ways the analytics benchmark answers the program overview (NPS with interval by tier × quarter
 * over twelve quarters): the product's `runNpsReport` (rollups), and a naive scan of the raw responses
 * (one plain SQL, the NPS computed in JS), plus a check that both count the same responses.
 */
import { sql } from "kysely";
import { computeNps } from "../src/core/statistics/interval.js";
import type { NpsCounts, NpsResult } from "../src/core/statistics/types.js";
import type { AppDatabase } from "../src/db/database.js";
import { type NpsReport, runNpsReport } from "../src/modules/analytics/report.service.js";
import { PERIOD } from "./analytics-data.js";
import { median, timed } from "./lib.js";

/** The program overview as `runNpsReport` takes it. */
export const overviewQuery = { groupBy: ["tier", "quarter"], from: PERIOD.from, to: PERIOD.to };
/** The same as a REST request. */
export const overviewUrl = `/api/v1/analytics/nps?group_by=tier,quarter&from=${PERIOD.from}&to=${PERIOD.to}`;

export interface OverviewGroup extends NpsResult {
  tier: string | null;
  quarter: string;
}

export function rollupOverview(database: AppDatabase, organizationId: string): Promise<NpsReport> {
  return runNpsReport(database.db, organizationId, overviewQuery);
}

/** One SQL statement over the raw responses: counts by tier and quarter, then NPS with interval in JS. */
export async function naiveOverview(database: AppDatabase, organizationId: string): Promise<OverviewGroup[]> {
  const result = await sql<{
    tier: string | null;
    quarter: string;
    promoters: number;
    passives: number;
    detractors: number;
  }>`select partner_tier as tier,
      substr(submitted_at, 1, 4) || '-Q' || ((cast(substr(submitted_at, 6, 2) as integer) + 2) / 3) as quarter,
      sum(case when score >= 9 then 1 else 0 end) as promoters,
      sum(case when score between 7 and 8 then 1 else 0 end) as passives,
      sum(case when score <= 6 then 1 else 0 end) as detractors
    from responses
    where organization_id = ${organizationId}
      and submitted_at >= ${`${PERIOD.from}T00:00:00.000Z`} and submitted_at < ${`${PERIOD.firstYear + 3}-01-01T00:00:00.000Z`}
    group by 1, 2`.execute(database.db);
  return result.rows.map((row) => {
    const counts: NpsCounts = {
      promoters: Number(row.promoters),
      passives: Number(row.passives),
      detractors: Number(row.detractors),
    };
    return { tier: row.tier, quarter: row.quarter, ...computeNps(counts, { method: "adjusted-wald" }) };
  });
}

/** The query plan SQLite or PostgreSQL chooses for the naive scan, on one line. */
export async function naivePlan(database: AppDatabase, organizationId: string): Promise<string> {
  const bounds = [`${PERIOD.from}T00:00:00.000Z`, `${PERIOD.firstYear + 3}-01-01T00:00:00.000Z`];
  const body = sql`select partner_tier, substr(submitted_at, 1, 7), count(*) from responses
    where organization_id = ${organizationId} and submitted_at >= ${bounds[0]} and submitted_at < ${bounds[1]}
    group by 1, 2`;
  if (database.dialect === "sqlite") {
    const rows = await sql<{ detail: string }>`explain query plan ${body}`.execute(database.db);
    return rows.rows.map((r) => r.detail).join("; ");
  }
  const rows = await sql<{ "QUERY PLAN": string }>`explain ${body}`.execute(database.db);
  return rows.rows.map((r) => r["QUERY PLAN"].trim()).join("; ");
}

/** Throws unless the rollup report and the naive scan have the same groups with the same counts. */
export function assertSameCounts(report: NpsReport, naive: OverviewGroup[], label: string): void {
  const key = (tier: string | null | undefined, quarter: string | null | undefined) => `${tier}|${quarter}`;
  const expected = new Map(naive.map((g) => [key(g.tier, g.quarter), g]));
  const problems: string[] = [];
  if (report.groups.length !== naive.length)
    problems.push(`${report.groups.length} groups from the rollups, ${naive.length} from the scan`);
  for (const group of report.groups) {
    const other = expected.get(key(group.key.tier, group.key.quarter));
    if (
      !other ||
      other.promoters !== group.promoters ||
      other.passives !== group.passives ||
      other.detractors !== group.detractors ||
      other.interval?.low !== group.interval?.low
    )
      problems.push(`group ${key(group.key.tier, group.key.quarter)} differs`);
  }
  if (problems.length > 0)
    throw new Error(`${label}: rollup report ≠ naive scan: ${problems.slice(0, 5).join("; ")}`);
}

export interface Latency {
  /** Median wall-clock milliseconds of the runs. */
  ms: number;
  /** Median CPU milliseconds (user + system of this process) of the runs. */
  cpuMs: number;
}

/** Runs `work` `runs` times one after the other; the medians of its wall-clock and CPU times. */
export async function latency(work: () => Promise<unknown>, runs: number): Promise<Latency> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const timing = await timed(work);
    wall.push(timing.seconds * 1000);
    cpu.push(timing.cpuSeconds * 1000);
  }
  return { ms: median(wall), cpuMs: median(cpu) };
}
