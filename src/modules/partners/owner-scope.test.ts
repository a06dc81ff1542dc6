import { afterAll, beforeAll, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { computeNps } from "../../core/statistics/interval.js";
import type { NpsCounts } from "../../core/statistics/types.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { runCoverage } from "../analytics/coverage.service.js";
import { runDistribution } from "../analytics/distribution.service.js";
import { runHeadline } from "../analytics/headline.service.js";
import { runPartnerScores } from "../analytics/partner-scores.service.js";
import { runNpsReport } from "../analytics/report.service.js";
import { runSegmentComparison } from "../analytics/segments.service.js";
import { runTrend } from "../analytics/trend.service.js";
import { createContact, getContact, searchContacts } from "../contacts/contact.service.js";
import { createOrganization } from "../organizations/organization.service.js";
import { waveProgress } from "../waves/wave.service.js";
import {
  archivePartner,
  createPartner,
  getPartner,
  searchPartners,
  updatePartnerAttributes,
} from "./partner.service.js";
import { contextFor, seedPortfolio, USERS } from "./portfolio.test-fixtures.js";

describeEachDialect("partner manager scope", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;
  const anna = () => contextFor(database, organizationId, USERS.anna);
  const admin = () => contextFor(database, organizationId);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Scope Org" })).organization_id;
    await seedPortfolio(database, organizationId);
  });
  afterAll(async () => database?.destroy());

  /** NPS of raw responses whose partner Anna owns now, computed without the report pipeline. */
  async function rawCounts(where: { from?: string; to?: string; tier?: string } = {}): Promise<NpsCounts> {
    let query = database.db
      .selectFrom("responses as r")
      .innerJoin("partners as p", (j) =>
        j.onRef("p.organization_id", "=", "r.organization_id").onRef("p.partner_id", "=", "r.partner_id"),
      )
      .select("r.score")
      .where("r.organization_id", "=", organizationId)
      .where("p.owner_user_id", "=", USERS.anna);
    if (where.from) query = query.where("r.submitted_at", ">=", where.from);
    if (where.to) query = query.where("r.submitted_at", "<", where.to);
    if (where.tier) query = query.where("r.partner_tier", "=", where.tier);
    const counts = { promoters: 0, passives: 0, detractors: 0 };
    for (const { score } of await query.execute()) {
      counts[score >= 9 ? "promoters" : score >= 7 ? "passives" : "detractors"]++;
    }
    return counts;
  }

  it("lists and reads only the manager's partners; others are 404 for reads and writes", async () => {
    const list = await searchPartners(anna(), {});
    expect(list.items.map((p) => p.partner_id)).toEqual(["p-alpha", "p-beta"]);
    expect(list.total).toBe(2);
    expect((await searchPartners(admin(), {})).total).toBe(4);
    expect((await getPartner(anna(), "p-alpha")).name).toBe("Alpha Systèmes");
    await expect(getPartner(anna(), "p-gamma")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPartner(anna(), "p-delta")).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePartnerAttributes(anna(), "p-gamma", { tier: "platinum" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(archivePartner(anna(), "p-gamma")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPartner(admin(), "p-gamma")).tier).toBe("gold");
  });

  it("gives a manager's new partner to the manager and refuses to create one for someone else", async () => {
    const created = await createPartner(anna(), { name: "Epsilon New" });
    expect(created.owner_user_id).toBe(USERS.anna);
    await expect(createPartner(anna(), { name: "Zeta", owner_user_id: USERS.bob })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await archivePartner(admin(), created.partner_id);
  });

  it("scopes contacts through their partner", async () => {
    const contacts = await searchContacts(anna(), {});
    expect(contacts.items.map((c) => c.contact_id).sort()).toEqual([
      "c-alpha-exec",
      "c-alpha-sales",
      "c-alpha-tech",
      "c-beta-dm",
    ]);
    await expect(getContact(anna(), "c-gamma-exec")).rejects.toBeInstanceOf(NotFoundError);
    // Another manager's partner reads as missing, so creating a contact there fails like an unknown id.
    await expect(createContact(anna(), { partner_id: "p-gamma", name: "X" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await searchContacts(admin(), {})).total).toBe(6);
  });

  it("computes the manager's NPS from their partners' responses only, equal to a raw recount", async () => {
    const report = await runNpsReport(database.db, organizationId, {}, USERS.anna);
    const counts = await rawCounts();
    expect(counts).toEqual({ promoters: 3, passives: 1, detractors: 2 });
    const expected = computeNps(counts);
    expect(report.source).toBe("response_rollups");
    expect(report.overall).toMatchObject({ ...expected, responses: 6 });
    expect(report.overall.nps).toBeCloseTo(100 / 6, 10);
    // The organization's figure differs, so the scope really applied.
    expect((await runNpsReport(database.db, organizationId, {})).overall.nps).toBe(0);
  });

  it("never answers an owner-scoped one-dimension report from the partnerless cube", async () => {
    const report = await runNpsReport(database.db, organizationId, { groupBy: ["tier"] }, USERS.anna);
    expect(report.source).toBe("response_rollups");
    expect(report.groups.map((g) => [g.key.tier, g.n])).toEqual([
      ["gold", 4],
      ["silver", 2],
    ]);
    const gold = report.groups[0]!;
    expect(gold).toMatchObject(computeNps(await rawCounts({ tier: "gold" })));
    const all = await runNpsReport(database.db, organizationId, { groupBy: ["tier"] });
    expect(all.source).toBe("score_rollups");
  });

  it("scopes a raw scan (date range cutting through a month) the same way", async () => {
    const report = await runNpsReport(
      database.db,
      organizationId,
      { from: "2025-10-11", to: "2026-01-15" },
      USERS.anna,
    );
    expect(report.source).toBe("responses");
    const counts = await rawCounts({ from: "2025-10-11T00:00:00.000Z", to: "2026-01-16T00:00:00.000Z" });
    expect(counts).toEqual({ promoters: 1, passives: 1, detractors: 2 });
    expect(report.overall).toMatchObject(computeNps(counts));
  });

  it("scopes trend, segments, distribution, partner scores, coverage and headline", async () => {
    const trend = await runTrend(database.db, organizationId, { period: "quarter" }, USERS.anna);
    expect(trend.lines[0]!.points.map((p) => [p.period, p.n, p.nps])).toEqual([
      ["2025-Q4", 3, (100 * (1 - 2)) / 3],
      ["2026-Q1", 3, (100 * 2) / 3],
    ]);
    const segments = await runSegmentComparison(
      database.db,
      organizationId,
      { dimension: "region" },
      USERS.anna,
    );
    expect(segments.segments.map((s) => [s.value, s.n])).toEqual([
      ["EMEA", 4],
      ["NA", 2],
    ]);
    const distribution = await runDistribution(database.db, organizationId, {}, USERS.anna);
    expect(distribution.n).toBe(6);
    expect(distribution.scores.filter((s) => s.responses > 0).map((s) => [s.score, s.responses])).toEqual([
      [4, 1],
      [6, 1],
      [8, 1],
      [9, 2],
      [10, 1],
    ]);
    const scores = await runPartnerScores(database.db, organizationId, { sort: "name" }, USERS.anna);
    expect(scores.items.map((p) => p.partner_id)).toEqual(["p-alpha", "p-beta"]);
    const coverage = await runCoverage(database.db, organizationId, {}, USERS.anna);
    // Alpha: 6 invited, 1 bounced, 4 answered; Beta: 2 invited, 2 answered.
    expect(coverage.overall).toMatchObject({ invited: 8, bounced: 1, responded: 6, partners_invited: 2 });
    expect(coverage.overall.response_rate).toBeCloseTo(6 / 7, 12);
    const headline = await runHeadline(database.db, organizationId, {}, USERS.anna);
    expect(headline.nps.n).toBe(6);
    expect(headline.coverage.invited).toBe(8);
  });

  it("limits a wave's progress by partner to the manager's partners", async () => {
    const progress = (await waveProgress(anna(), "w-q4", "partner")) as {
      groups: { key: string | null; invited: number; responded: number }[];
    };
    const groups = progress.groups.map((g) => [g.key, g.invited, g.responded]);
    expect(groups.sort()).toEqual([
      ["p-alpha", 3, 2],
      ["p-beta", 1, 1],
    ]);
    const total = await waveProgress(admin(), "w-q4", null);
    expect("invited" in total ? total.invited : null).toBe(5);
  });
});
