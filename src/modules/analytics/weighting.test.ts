import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { runPartnerScores } from "./partner-scores.service.js";
import { runNpsReport } from "./report.service.js";
import { runSegmentComparison } from "./segments.service.js";

const Z95 = 1.959963984540054;
/** The demo's settings, restated: executives and decision makers count twice. */
const roleWeight = (role: string | null) =>
  role === "executive_sponsor" || role === "decision_maker" ? 2 : 1;

interface Answer {
  partner_id: string;
  role: string | null;
  tier: string | null;
  region: string | null;
  month: string;
  score: number;
}

/** A partner's role-weighted shares: Σw·[promoter]/Σw and Σw·[detractor]/Σw, plus Kish's n of its responses. */
function partnerShares(answers: Answer[]) {
  let sumW = 0;
  let sumW2 = 0;
  let promoters = 0;
  let detractors = 0;
  for (const a of answers) {
    const w = roleWeight(a.role);
    sumW += w;
    sumW2 += w * w;
    if (a.score >= 9) promoters += w;
    if (a.score <= 6) detractors += w;
  }
  return { p: promoters / sumW, d: detractors / sumW, kish: (sumW * sumW) / sumW2 };
}

/** Adjusted Wald on effective counts n·p, n·(1−p−d), n·d. */
function intervalOf(p: number, d: number, n: number) {
  const m = n + 3;
  const ap = (p * n + 0.75) / m;
  const ad = (d * n + 0.75) / m;
  const se = Math.sqrt((ap + ad - (ap - ad) ** 2) / m);
  return { center: 100 * (ap - ad), low: 100 * (ap - ad - Z95 * se), high: 100 * (ap - ad + Z95 * se) };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

describeEachDialect("weighted NPS recomputed partner by partner", (dialect) => {
  let database: TestDatabase;
  let org: string;
  let answers: Answer[];
  let revenue: Map<string, number>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const demo = await loadDemoOrganization(database, { seed: 1, referenceDate: "2026-11-30T00:00:00Z" });
    org = demo.organization.organization_id;
    const raw = await sql<Answer>`select partner_id, contact_role as role, partner_tier as tier,
        partner_region as region, period_month as month, score
      from responses where organization_id = ${org}`.execute(database.db);
    answers = raw.rows.map((r) => ({ ...r, score: Number(r.score) }));
    const partners = await sql<{
      partner_id: string;
      annual_revenue: unknown;
    }>`select partner_id, annual_revenue
      from partners where organization_id = ${org}`.execute(database.db);
    revenue = new Map(partners.rows.map((p) => [p.partner_id, Number(p.annual_revenue ?? 0)]));
  });
  afterAll(async () => database?.destroy());

  /** The weighted mean of partners' role-weighted NPS, with its Kish n over partner weights. */
  function expectedWeighted(subset: Answer[], weighting: "partners" | "revenue") {
    let sumW = 0;
    let sumW2 = 0;
    let p = 0;
    let d = 0;
    let partners = 0;
    for (const [partnerId, own] of groupBy(subset, (a) => a.partner_id)) {
      const w = weighting === "partners" ? 1 : revenue.get(partnerId)!;
      if (w <= 0) continue;
      const shares = partnerShares(own);
      sumW += w;
      sumW2 += w * w;
      p += w * shares.p;
      d += w * shares.d;
      partners++;
    }
    const effective = (sumW * sumW) / sumW2;
    return { nps: (100 * (p - d)) / sumW, effective, partners, p: p / sumW, d: d / sumW };
  }

  function expectFigure(
    figure: { nps: number | null; n: number; effective_n: number; responses: number; weighting: string },
    subset: Answer[],
    weighting: "partners" | "revenue",
    interval: { center: number | null; interval: { low: number; high: number } | null },
  ) {
    const expected = expectedWeighted(subset, weighting);
    expect(figure.weighting).toBe(weighting);
    expect(figure.nps!).toBeCloseTo(expected.nps, 9);
    expect(figure.n).toBe(expected.partners);
    expect(figure.responses).toBe(subset.length);
    expect(figure.effective_n).toBeCloseTo(expected.effective, 9);
    if (weighting === "partners") expect(figure.effective_n).toBeCloseTo(expected.partners, 9);
    const wanted = intervalOf(expected.p, expected.d, expected.effective);
    expect(interval.center!).toBeCloseTo(wanted.center, 9);
    expect(interval.interval!.low).toBeCloseTo(wanted.low, 9);
    expect(interval.interval!.high).toBeCloseTo(wanted.high, 9);
  }

  for (const weighting of ["partners", "revenue"] as const) {
    it(`${weighting} weighting: the program and each tier are the weighted mean of partners' role-weighted NPS`, async () => {
      const report = await runNpsReport(database.db, org, { weighting, groupBy: ["tier"] });
      expectFigure(report.overall, answers, weighting, report.overall);
      const byTier = groupBy(answers, (a) => String(a.tier));
      expect(report.groups.map((g) => String(g.key.tier ?? null)).sort()).toEqual([...byTier.keys()].sort());
      for (const group of report.groups)
        expectFigure(group, byTier.get(String(group.key.tier ?? null))!, weighting, group);
    });

    it(`${weighting} weighting with a filter and a date range (EMEA × quarter since 2026)`, async () => {
      const report = await runNpsReport(database.db, org, {
        weighting,
        groupBy: ["quarter"],
        filters: { region: ["EMEA"] },
        from: "2026-01-01",
      });
      const subset = answers.filter((a) => a.region === "EMEA" && a.month >= "2026-01");
      expectFigure(report.overall, subset, weighting, report.overall);
      const quarter = (a: Answer) => `${a.month.slice(0, 4)}-Q${Math.ceil(Number(a.month.slice(5)) / 3)}`;
      const byQuarter = groupBy(subset, quarter);
      expect(report.groups).toHaveLength(byQuarter.size);
      for (const group of report.groups)
        expectFigure(group, byQuarter.get(group.key.quarter!)!, weighting, group);
    });
  }

  it("revenue weighting differs from partner weighting and both from the response count", async () => {
    const [responses, partners, revenueWeighted] = await Promise.all(
      (["responses", "partners", "revenue"] as const).map((weighting) =>
        runNpsReport(database.db, org, { weighting }),
      ),
    );
    expect(responses!.overall.weighting).toBe("responses");
    expect(responses!.overall.effective_n).toBe(answers.length);
    expect(new Set([responses!.overall.nps, partners!.overall.nps, revenueWeighted!.overall.nps]).size).toBe(
      3,
    );
    expect(revenueWeighted!.overall.effective_n).toBeLessThan(partners!.overall.effective_n);
  });

  it("partner scores: each partner's role-weighted NPS, response count and Kish effective n", async () => {
    const scores = await runPartnerScores(database.db, org, { limit: 5000 });
    const byPartner = groupBy(answers, (a) => a.partner_id);
    expect(scores.total).toBe(byPartner.size);
    expect(scores.items).toHaveLength(byPartner.size);
    expect(scores.role_weights).toMatchObject({ executive_sponsor: 2, decision_maker: 2, default: 1 });
    for (const item of scores.items) {
      const own = byPartner.get(item.partner_id)!;
      const shares = partnerShares(own);
      expect(item.nps!).toBeCloseTo(100 * (shares.p - shares.d), 9);
      expect(item.responses).toBe(own.length);
      expect(item.n).toBe(own.length);
      expect(item.effective_n).toBeCloseTo(shares.kish, 9);
      expect(item.small_sample).toBe(shares.kish < 30);
      const wanted = intervalOf(shares.p, shares.d, shares.kish);
      expect(item.interval!.low).toBeCloseTo(Math.max(-100, wanted.low), 9);
      expect(item.interval!.high).toBeCloseTo(Math.min(100, wanted.high), 9);
    }
    const ordered = scores.items.map((i) => i.nps!);
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
  });

  it("partner scores page and sort: desc by NPS, ties by partner id, limit and offset", async () => {
    const all = (await runPartnerScores(database.db, org, { limit: 5000, sort: "nps", order: "desc" })).items;
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.nps! > b.nps! || (a.nps === b.nps && a.partner_id < b.partner_id)).toBe(true);
    }
    const page = await runPartnerScores(database.db, org, {
      sort: "nps",
      order: "desc",
      limit: 7,
      offset: 5,
    });
    expect(page.items.map((p) => p.partner_id)).toEqual(all.slice(5, 12).map((p) => p.partner_id));
  });

  it("segment comparisons refuse weighted programs, naming the weighting field", async () => {
    const attempt = runSegmentComparison(database.db, org, { weighting: "partners" });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field: "weighting" }] });
  });
});
