import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DECLINING_SEGMENT, INFLATING_MANAGER_ID } from "../../core/demo/index.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { runCoverage } from "./coverage.service.js";
import { runDistribution } from "./distribution.service.js";
import { runHeadline } from "./headline.service.js";
import { runPartnerScores } from "./partner-scores.service.js";
import { runSegmentComparison } from "./segments.service.js";
import { runTrend } from "./trend.service.js";

const REFERENCE_DATE = "2026-11-30T00:00:00Z";
const declining = { region: [DECLINING_SEGMENT.region], tier: [DECLINING_SEGMENT.tier] };

interface CoverageScope {
  wave?: string[];
  from?: string;
  to?: string;
  region?: string[];
  tier?: string[];
  strategic_tiers?: string[];
}

describeEachDialect("analytics find the demo program's planted effects", (dialect) => {
  let database: TestDatabase;
  let org: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const demo = await loadDemoOrganization(database, { seed: 1, referenceDate: REFERENCE_DATE });
    org = demo.organization.organization_id;
  });
  afterAll(async () => database?.destroy());

  async function rows<T>(query: RawBuilder<T>): Promise<T[]> {
    return (await query.execute(database.db)).rows;
  }

  /** Invitations in a coverage scope (`i` invitations, `p` their partner), written independently of the service. */
  function scopeSql(scope: CoverageScope): RawBuilder<unknown> {
    const parts = [sql`i.organization_id = ${org}`, sql`i.sent_at is not null`];
    if (scope.wave) parts.push(sql`i.wave_id in (${sql.join(scope.wave)})`);
    if (scope.from) parts.push(sql`substr(i.sent_at, 1, 10) >= ${scope.from}`);
    if (scope.to) parts.push(sql`substr(i.sent_at, 1, 10) <= ${scope.to}`);
    if (scope.region) parts.push(sql`p.region in (${sql.join(scope.region)})`);
    if (scope.tier) parts.push(sql`p.tier in (${sql.join(scope.tier)})`);
    return sql.join(parts, sql` and `);
  }

  /** Coverage recounted from invitation rows (one grouped query, folded here), per wave when asked. */
  async function expectedCoverage(scope: CoverageScope) {
    const tallies = await rows(sql<Record<string, unknown>>`select i.wave_id, i.partner_id,
        max(p.annual_revenue) as revenue, count(*) as invited,
        sum(case when i.bounced_at is not null then 1 else 0 end) as bounced,
        sum(case when i.responded_at is not null then 1 else 0 end) as responded
      from invitations i join partners p on p.organization_id = i.organization_id and p.partner_id = i.partner_id
      where ${scopeSql(scope)} group by i.wave_id, i.partner_id`);
    const fold = (wave: string | null) => {
      const kept = tallies.filter((t) => wave === null || t.wave_id === wave);
      const sum = (pick: (t: Record<string, unknown>) => unknown) =>
        kept.reduce((total, t) => total + Number(pick(t)), 0);
      const revenueOf = new Map(kept.map((t) => [String(t.partner_id), Number(t.revenue)]));
      const invitedPartners = new Set(kept.map((t) => String(t.partner_id)));
      const answered = new Set(kept.filter((t) => Number(t.responded) > 0).map((t) => String(t.partner_id)));
      const revenue = (ids: Set<string>) => [...ids].reduce((total, id) => total + revenueOf.get(id)!, 0);
      const invited = sum((t) => t.invited);
      const bounced = sum((t) => t.bounced);
      const responded = sum((t) => t.responded);
      return {
        counts: {
          invited,
          bounced,
          delivered: invited - bounced,
          responded,
          partners_invited: invitedPartners.size,
          partners_responded: answered.size,
        },
        response_rate: responded / (invited - bounced),
        revenue_invited: revenue(invitedPartners),
        revenue_responded: revenue(answered),
      };
    };
    return { overall: fold(null), waves: [...new Set(tallies.map((t) => String(t.wave_id)))], fold };
  }

  it("EMEA gold trend drops significantly in the last three quarters, below the program's interval", async () => {
    const segment = await runTrend(database.db, org, { filters: declining, period: "quarter" });
    const program = await runTrend(database.db, org, { period: "quarter" });
    const points = segment.lines[0]!.points;
    const programPoints = program.lines[0]!.points;
    expect(points.map((p) => p.period)).toEqual(programPoints.map((p) => p.period));
    expect(points).toHaveLength(12);
    const lastThree = points.slice(-3);
    expect(lastThree.some((p) => p.change?.significant === true && p.change.difference! < 0)).toBe(true);
    // No significant change in the nine quarters before the planted decline.
    expect(points.slice(0, 9).some((p) => p.change?.significant)).toBe(false);
    const last = points.at(-1)!;
    const programLast = programPoints.at(-1)!;
    expect(last.period).toBe("2026-Q4");
    expect(last.interval!.high).toBeLessThan(programLast.interval!.low);
  });

  it("segments by region × quarter flag EMEA, and the EMEA gold cell, significantly below the rest", async () => {
    const byRegion = await runSegmentComparison(database.db, org, { dimension: "region", period: "quarter" });
    const lastQuarter = byRegion.periods.at(-1)!.period;
    expect(lastQuarter).toBe("2026-Q4");
    const emea = byRegion.cells.find((c) => c.value === "EMEA" && c.period === lastQuarter)!;
    expect(emea.vs_rest).toMatchObject({ significant: true });
    expect(emea.vs_rest!.difference).toBeLessThan(0);

    const withinGold = await runSegmentComparison(database.db, org, {
      dimension: "region",
      period: "quarter",
      filters: { tier: [DECLINING_SEGMENT.tier] },
    });
    const emeaGold = withinGold.cells.find((c) => c.value === "EMEA" && c.period === lastQuarter)!;
    expect(emeaGold.vs_rest).toMatchObject({ significant: true });
    expect(emeaGold.vs_rest!.difference).toBeLessThan(0);
    // It is the lowest cell of its quarter.
    const quarterCells = withinGold.cells.filter((c) => c.period === lastQuarter);
    expect(Math.min(...quarterCells.map((c) => c.nps!))).toBe(emeaGold.nps);
  });

  it("every partner owned by the inflating manager scores 100, with or without an owner filter", async () => {
    const owned = await rows(sql<{ partner_id: string }>`select distinct r.partner_id from responses r
      join partners p on p.organization_id = r.organization_id and p.partner_id = r.partner_id
      where r.organization_id = ${org} and p.owner_user_id = ${INFLATING_MANAGER_ID}`);
    const ownedIds = new Set(owned.map((r) => r.partner_id));
    expect(ownedIds.size).toBeGreaterThan(10);
    const all = await runPartnerScores(database.db, org, { limit: 5000 });
    const theirs = all.items.filter((p) => ownedIds.has(p.partner_id));
    expect(theirs).toHaveLength(ownedIds.size);
    expect(theirs.map((p) => [p.nps, p.owner_user_id])).toEqual(
      theirs.map(() => [100, INFLATING_MANAGER_ID]),
    );
    const filtered = await runPartnerScores(database.db, org, {
      filters: { owner: [INFLATING_MANAGER_ID] },
      limit: 5000,
    });
    expect(new Set(filtered.items.map((p) => p.partner_id))).toEqual(ownedIds);
    expect(filtered.items.map((p) => p.nps)).toEqual(filtered.items.map(() => 100));
  });

  const coverageScopes: CoverageScope[] = [
    {},
    { wave: ["demo-w-2026-q4"] },
    { from: "2026-07-01", to: "2026-09-30" },
    { region: ["EMEA"], tier: ["gold", "platinum"], from: "2025-01-01" },
  ];
  for (const scope of coverageScopes) {
    it(`coverage ${JSON.stringify(scope)} equals a direct count over invitations, overall and per wave`, async () => {
      const coverage = await runCoverage(database.db, org, scope);
      const expected = await expectedCoverage(scope);
      const check = (actual: (typeof coverage)["overall"], wanted: typeof expected.overall) => {
        expect(actual).toMatchObject(wanted.counts);
        expect(actual.response_rate).toBeCloseTo(wanted.response_rate, 12);
        expect(actual.partner_coverage).toBeCloseTo(
          wanted.counts.partners_responded / wanted.counts.partners_invited,
          12,
        );
        expect(actual.revenue_invited).toBeCloseTo(wanted.revenue_invited, 3);
        expect(actual.revenue_responded).toBeCloseTo(wanted.revenue_responded, 3);
      };
      check(coverage.overall, expected.overall);
      expect(coverage.waves.map((w) => w.wave_id).sort()).toEqual([...expected.waves].sort());
      for (const wave of coverage.waves) check(wave, expected.fold(wave.wave_id));
    });
  }

  const silentScopes: CoverageScope[] = [
    {},
    { wave: ["demo-w-2026-q4"] },
    { wave: ["demo-w-2026-q4"], strategic_tiers: ["gold"] },
    { wave: ["demo-w-2026-q3", "demo-w-2026-q4"], region: ["EMEA", "APAC"], strategic_tiers: ["silver"] },
  ];
  for (const scope of silentScopes) {
    it(`silent strategic partners ${JSON.stringify(scope)} are exactly the strategic partners invited but never answering`, async () => {
      const tiers = scope.strategic_tiers ?? [];
      const strategic = tiers.length
        ? sql`(p.strategic = 1 or p.tier in (${sql.join(tiers)}))`
        : sql`p.strategic = 1`;
      const expected = await rows(sql<{ partner_id: string; invited: unknown; last: string | null }>`
        select p.partner_id,
          (select count(*) from invitations i where ${scopeSql(scope)} and i.partner_id = p.partner_id) as invited,
          (select max(r.submitted_at) from responses r
            where r.organization_id = p.organization_id and r.partner_id = p.partner_id) as last
        from partners p where p.organization_id = ${org} and ${strategic}
          and exists (select 1 from invitations i where ${scopeSql(scope)} and i.partner_id = p.partner_id)
          and not exists (select 1 from invitations i where ${scopeSql(scope)} and i.partner_id = p.partner_id
            and i.responded_at is not null)`);
      const coverage = await runCoverage(database.db, org, scope);
      const silent = coverage.silent_strategic_partners;
      expect(silent.map((s) => s.partner_id).sort()).toEqual(expected.map((e) => e.partner_id).sort());
      for (const e of expected) {
        const found = silent.find((s) => s.partner_id === e.partner_id)!;
        expect(found.contacts_invited).toBe(Number(e.invited));
        expect(found.last_response_at).toBe(e.last);
      }
      const revenues = silent.map((s) => s.annual_revenue ?? 0);
      expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
      if (scope.wave?.includes("demo-w-2026-q4")) expect(silent.length).toBeGreaterThan(0);
    });
  }

  it.each([
    [{}, sql`true`],
    [
      { filters: { region: ["EMEA"] }, from: "2025-01-01" },
      sql`partner_region = 'EMEA' and period_month >= '2025-01'`,
    ],
    [
      { from: "2025-02-15", to: "2026-08-20" },
      sql`substr(submitted_at, 1, 10) between '2025-02-15' and '2026-08-20'`,
    ],
  ])("distribution %j: scores 0–10 and their groups sum to the count of responses", async (query, where) => {
    const counted = await rows(sql<{ score: number; n: unknown }>`select score, count(*) as n from responses
      where organization_id = ${org} and ${where} group by score`);
    const byScore = new Map(counted.map((r) => [Number(r.score), Number(r.n)]));
    const total = [...byScore.values()].reduce((a, b) => a + b, 0);
    const distribution = await runDistribution(database.db, org, query);
    expect(distribution.n).toBe(total);
    expect(distribution.scores.map((s) => s.responses)).toEqual(
      Array.from({ length: 11 }, (_, score) => byScore.get(score) ?? 0),
    );
    expect(distribution.scores.reduce((sum, s) => sum + s.responses, 0)).toBe(total);
    const { detractors, passives, promoters } = distribution.groups;
    expect(detractors + passives + promoters).toBe(total);
    expect(promoters).toBe((byScore.get(9) ?? 0) + (byScore.get(10) ?? 0));
  });

  it.each([
    [{}, "moderate"],
    [{ filters: { tier: ["platinum"] } }, "strong"],
    [{ filters: { owner: [INFLATING_MANAGER_ID] } }, "exceptional"],
    [{ filters: declining, from: "2026-07-01" }, "low"],
  ])("headline %j is in the band the settings give its NPS (%s)", async (query, bandKey) => {
    const [stored] = await rows(sql<{ settings: string }>`select settings from organizations
      where organization_id = ${org}`);
    const bands = (
      JSON.parse(stored!.settings) as { bands: { key: string; min: number; inclusive: boolean }[] }
    ).bands;
    const headline = await runHeadline(database.db, org, query);
    const nps = headline.nps.nps!;
    const expected = [...bands]
      .sort((a, b) => b.min - a.min)
      .find((band) => (band.inclusive ? nps >= band.min : nps > band.min));
    expect(headline.band?.key).toBe(expected?.key);
    expect(headline.band?.key).toBe(bandKey);
  });
});
