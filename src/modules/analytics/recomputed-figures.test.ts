import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DECLINING_SEGMENT } from "../../core/demo/index.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { runNpsReport } from "./report.service.js";
import { runSegmentComparison } from "./segments.service.js";
import { runTrend } from "./trend.service.js";

/** Φ⁻¹(0.975) to full double precision (1.959964 rounded would move intervals by ~1e-7 points). */
const Z95 = 1.959963984540054;

interface Counts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** erfc by its positive series below 3 and its continued fraction above: no shared code with the core. */
function erfc(x: number): number {
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let k = 1; term > 1e-18 * sum; k++) {
      term *= (2 * x * x) / (2 * k + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let fraction = x;
  for (let k = 80; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / fraction;
}

const twoSidedP = (z: number) => erfc(Math.abs(z) / Math.SQRT2);

/** MeasuringU's adjusted Wald: ¾ to promoters and detractors, 3 to n, Wald on the adjusted shares. */
function adjusted(c: Counts): { n: number; p: number; d: number } {
  const n = c.promoters + c.passives + c.detractors + 3;
  return { n, p: (c.promoters + 0.75) / n, d: (c.detractors + 0.75) / n };
}

function adjustedWaldInterval(c: Counts) {
  const { n, p, d } = adjusted(c);
  const se = Math.sqrt((p + d - (p - d) ** 2) / n);
  const clamp = (x: number) => Math.min(100, Math.max(-100, x));
  return {
    center: 100 * (p - d),
    se: 100 * se,
    low: clamp(100 * (p - d - Z95 * se)),
    high: clamp(100 * (p - d + Z95 * se)),
  };
}

/** The two-sample test on adjusted (or raw, for Wald) counts: Δ, SE = √(v₁/n₁ + v₂/n₂), z, two-sided p. */
function twoSample(a: Counts, b: Counts, adjust: boolean) {
  const shares = (c: Counts) => {
    if (adjust) return adjusted(c);
    const n = c.promoters + c.passives + c.detractors;
    return { n, p: c.promoters / n, d: c.detractors / n };
  };
  const x = shares(a);
  const y = shares(b);
  const v = (s: { p: number; d: number }) => s.p + s.d - (s.p - s.d) ** 2;
  const difference = x.p - x.d - (y.p - y.d);
  const se = Math.sqrt(v(x) / x.n + v(y) / y.n);
  const z = difference / se;
  return { difference: 100 * difference, se: 100 * se, z, p: twoSidedP(z) };
}

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
const zero = (): Counts => ({ promoters: 0, passives: 0, detractors: 0 });

describe("test-side normal tail", () => {
  it("gives the textbook two-sided p-values", () => {
    expect(twoSidedP(Z95)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(3.090232306167813)).toBeCloseTo(0.002, 14);
    expect(twoSidedP(5.326723886384592) / 1e-7).toBeCloseTo(1, 10);
  });
});

describeEachDialect("analytics figures recomputed from raw responses", (dialect) => {
  let database: TestDatabase;
  let org: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const demo = await loadDemoOrganization(database, { seed: 1, referenceDate: "2026-11-30T00:00:00Z" });
    org = demo.organization.organization_id;
  });
  afterAll(async () => database?.destroy());

  /** Counts per (column value, quarter) straight from `responses`, categories decided here from the score. */
  async function countsBy(
    column: "partner_tier" | "partner_region" | null,
    where: RawBuilder<unknown> = sql`true`,
  ) {
    const key = column ? sql.ref(column) : sql`null`;
    const grouping = column ? sql`${sql.ref(column)}, period_month, score` : sql`period_month, score`;
    const result = await sql<{ value: string | null; period_month: string; score: number; n: unknown }>`
      select ${key} as value, period_month, score, count(*) as n from responses
      where organization_id = ${org} and ${where} group by ${grouping}`.execute(database.db);
    const byKey = new Map<string, Counts>();
    for (const row of result.rows) {
      const id = JSON.stringify([row.value, quarterOf(row.period_month)]);
      const counts = byKey.get(id) ?? zero();
      const score = Number(row.score);
      counts[score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors"] += Number(row.n);
      byKey.set(id, counts);
    }
    return byKey;
  }

  const cases: [string, Record<string, unknown>, RawBuilder<unknown>][] = [
    ["whole program", {}, sql`true`],
    [
      "EMEA from 2025",
      { filters: { region: ["EMEA"] }, from: "2025-01-01" },
      sql`partner_region = 'EMEA' and period_month >= '2025-01'`,
    ],
    [
      "a date range cutting months",
      { from: "2025-02-15", to: "2026-08-20" },
      sql`substr(submitted_at, 1, 10) between '2025-02-15' and '2026-08-20'`,
    ],
  ];
  for (const [label, query, where] of cases) {
    it(`tier × quarter (${label}): counts, NPS = 100·(P−D)/n and adjusted-Wald intervals match the raw table`, async () => {
      const expected = await countsBy("partner_tier", where);
      const report = await runNpsReport(database.db, org, { ...query, groupBy: ["tier", "quarter"] });
      const ids = report.groups.map((g) => JSON.stringify([g.key.tier ?? null, g.key.quarter]));
      expect(ids.sort()).toEqual([...expected.keys()].sort());
      for (const group of report.groups) {
        const c = expected.get(JSON.stringify([group.key.tier ?? null, group.key.quarter]))!;
        const n = c.promoters + c.passives + c.detractors;
        expect(group).toMatchObject({ ...c, n, responses: n, effective_n: n, weighting: "responses" });
        expect(group.nps!).toBeCloseTo((100 * (c.promoters - c.detractors)) / n, 9);
        const interval = adjustedWaldInterval(c);
        expect(group.center!).toBeCloseTo(interval.center, 9);
        expect(group.se!).toBeCloseTo(interval.se, 9);
        expect(group.interval!.low).toBeCloseTo(interval.low, 9);
        expect(group.interval!.high).toBeCloseTo(interval.high, 9);
        expect(group.small_sample).toBe(n < 30);
      }
      const total = [...expected.values()].reduce(
        (sum, c) => ({
          promoters: sum.promoters + c.promoters,
          passives: sum.passives + c.passives,
          detractors: sum.detractors + c.detractors,
        }),
        zero(),
      );
      expect(report.overall).toMatchObject(total);
      expect(report.overall.interval!.low).toBeCloseTo(adjustedWaldInterval(total).low, 9);
    });
  }

  const trendCases: [string, Record<string, string[]>, RawBuilder<unknown>, "adjusted-wald" | "wald"][] = [
    [
      "EMEA gold",
      { region: [DECLINING_SEGMENT.region], tier: [DECLINING_SEGMENT.tier] },
      sql`partner_region = 'EMEA' and partner_tier = 'gold'`,
      "adjusted-wald",
    ],
    ["the program", {}, sql`true`, "adjusted-wald"],
    ["the program by Wald", {}, sql`true`, "wald"],
  ];
  for (const [label, filters, where, method] of trendCases) {
    it(`trend of ${label} (${method}): each change's p is the two-sample test on the two quarters' counts`, async () => {
      const counts = await countsBy(null, where);
      const quarters = [...counts.keys()].map((id) => JSON.parse(id)[1] as string).sort();
      const trend = await runTrend(database.db, org, { filters, period: "quarter", method });
      const points = trend.lines[0]!.points;
      expect(points.map((p) => p.period)).toEqual(quarters);
      let significant = 0;
      for (let i = 1; i < points.length; i++) {
        const current = counts.get(JSON.stringify([null, quarters[i]]))!;
        const previous = counts.get(JSON.stringify([null, quarters[i - 1]]))!;
        const test = twoSample(current, previous, method === "adjusted-wald");
        const change = points[i]!.change!;
        expect(change.from_period).toBe(quarters[i - 1]);
        expect(change.difference!).toBeCloseTo(test.difference, 9);
        expect(change.se!).toBeCloseTo(test.se, 9);
        expect(change.z!).toBeCloseTo(test.z, 9);
        expect(change.p! / test.p).toBeCloseTo(1, 8);
        expect(change.significant).toBe(test.p < 0.05);
        expect(change.interval!.low).toBeCloseTo(test.difference - Z95 * test.se, 9);
        if (change.significant) significant++;
      }
      expect(points[0]!.change).toBeNull();
      if (label === "EMEA gold") expect(significant).toBeGreaterThan(0);
    });
  }

  it("a trend with one series per tier compares each tier with its own previous quarter", async () => {
    const counts = await countsBy("partner_tier");
    const trend = await runTrend(database.db, org, { series: "tier", period: "quarter" });
    expect(trend.lines.map((l) => l.key).sort()).toEqual(["gold", "platinum", "registered", "silver"]);
    for (const line of trend.lines) {
      for (let i = 1; i < line.points.length; i++) {
        const at = (period: string) => counts.get(JSON.stringify([line.key, period]))!;
        const test = twoSample(at(line.points[i]!.period), at(line.points[i - 1]!.period), true);
        expect(line.points[i]!.change!.p! / test.p).toBeCloseTo(1, 8);
        expect(line.points[i]!.change!.significant).toBe(test.p < 0.05);
      }
    }
  });

  it("segments: the EMEA cell of each quarter is tested against the rest of that quarter", async () => {
    const byRegion = await countsBy("partner_region");
    const segments = await runSegmentComparison(database.db, org, { dimension: "region", period: "quarter" });
    for (const cell of segments.cells) {
      const own = byRegion.get(JSON.stringify([cell.value, cell.period]))!;
      const rest = zero();
      for (const [id, c] of byRegion) {
        const [value, period] = JSON.parse(id) as [string | null, string];
        if (period !== cell.period || value === cell.value) continue;
        rest.promoters += c.promoters;
        rest.passives += c.passives;
        rest.detractors += c.detractors;
      }
      const test = twoSample(own, rest, true);
      expect(cell).toMatchObject(own);
      expect(cell.vs_rest!.difference!).toBeCloseTo(test.difference, 9);
      expect(cell.vs_rest!.p! / test.p).toBeCloseTo(1, 8);
      expect(cell.vs_rest!.significant).toBe(test.p < 0.05);
    }
  });
});
