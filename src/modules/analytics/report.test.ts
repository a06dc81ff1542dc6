import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings } from "../../core/settings.js";
import { classifyScore } from "../../core/statistics/classification.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import type { ResponseRow } from "../responses/response.repository.js";
import { insertResponsesWithRollups, replaceResponsesWithRollups } from "../responses/response.service.js";
import { rebuildRollups } from "../rollups/rollup.repository.js";
import { computeFigure } from "./figure.js";
import { fetchPartnerRevenue, fetchScoreCounts } from "./report.repository.js";
import { runNpsReport } from "./report.service.js";
import { planReport, type ReportPlan } from "./report-plan.js";
import { type NpsReportQuery, npsReportQuerySchema } from "./report-query.js";
import { shapeReport } from "./report-shape.js";

/** Small deterministic generator so failures reproduce. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const tiers = ["platinum", "gold", "silver", null];
const regions = ["EMEA", "APAC", "LATAM"];
const roles = ["executive_sponsor", "decision_maker", "sales", null];
const channels = ["email", "web", "import"];

describeEachDialect("NPS report: rollups equal raw scans on randomized data", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;
  const options = { method: "adjusted-wald" as const, confidence: 0.95, smallSampleThreshold: 30 };

  async function answer(query: Partial<NpsReportQuery>, source: ReportPlan["source"] | null) {
    const parsed = npsReportQuerySchema.parse(query);
    const plan = planReport(parsed);
    if (source) plan.source = source;
    const rows = await fetchScoreCounts(database.db, organizationId, plan);
    const revenue = await fetchPartnerRevenue(database.db, organizationId);
    return shapeReport(
      rows,
      plan,
      parsed.groupBy,
      parsed.weighting,
      defaultSettings,
      revenue,
      options,
      computeFigure,
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Random Org" })).organization_id;
    const rand = random(dialect === "sqlite" ? 7 : 11);
    const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]!;
    const now = "2026-01-01T00:00:00.000Z";
    const partners = Array.from({ length: 40 }, (_, i) => ({
      organization_id: organizationId,
      partner_id: `p${i}`,
      external_id: null,
      name: `Partner ${i}`,
      type: pick(["reseller", "isv"]),
      tier: pick(tiers),
      region: pick(regions),
      country: null,
      industry: null,
      size: null,
      owner_user_id: null,
      annual_revenue: Math.round(rand() * 1_000_000),
      renewal_date: null,
      strategic: 0 as const,
      custom: "{}",
      archived_at: null,
      created_at: now,
      updated_at: now,
    }));
    await database.bulkInsert(database.db, "partners", partners);
    const responses: ResponseRow[] = Array.from({ length: 1_500 }, (_, i) => {
      const partner = pick(partners);
      const score = Math.floor(rand() * 11);
      const month = `${2024 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}`;
      return {
        organization_id: organizationId,
        response_id: `r${String(i).padStart(5, "0")}`,
        partner_id: partner.partner_id,
        contact_id: null,
        invitation_id: null,
        survey_id: null,
        wave_id: null,
        external_id: null,
        score,
        category: classifyScore(score),
        comment: null,
        answers: "{}",
        language: null,
        channel: pick(channels),
        source: "import",
        submitted_at: `${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}T12:00:00.000Z`,
        period_month: month,
        partner_tier: partner.tier,
        partner_type: partner.type,
        partner_region: partner.region,
        partner_country: null,
        partner_industry: null,
        partner_size: null,
        owner_user_id: null,
        contact_role: pick(roles),
        import_id: null,
        created_at: now,
        updated_at: now,
      };
    });
    await database.db.transaction().execute(async (trx) => {
      await insertResponsesWithRollups(database, trx, organizationId, responses.slice(0, 1_000));
      await insertResponsesWithRollups(database, trx, organizationId, responses.slice(1_000));
      // Edits move counts between rollup keys: change the score of every 7th response.
      const changes = responses
        .filter((_, i) => i % 7 === 0)
        .map((before) => {
          const score = (before.score + 5) % 11;
          return { before, after: { ...before, score, category: classifyScore(score) } };
        });
      await replaceResponsesWithRollups(database, trx, organizationId, changes);
    });
  });
  afterAll(async () => database?.destroy());

  const queries: Partial<NpsReportQuery>[] = [
    {},
    { groupBy: ["quarter"] },
    { groupBy: ["tier"] },
    { groupBy: ["tier", "quarter"] },
    { groupBy: ["region", "month"], filters: { tier: ["gold", ""] } },
    { groupBy: ["role"], from: "2025-01-01", to: "2025-12-31" },
    { groupBy: ["channel", "year"], filters: { region: ["EMEA"] } },
    { groupBy: ["tier"], weighting: "partners" },
    { groupBy: ["region"], weighting: "revenue" },
  ];

  for (const query of queries) {
    it(`answers ${JSON.stringify(query)} from rollups exactly as from raw responses`, async () => {
      const viaRollups = await answer(query, null);
      const viaRaw = await answer(query, "responses");
      expect(viaRollups).toEqual(viaRaw);
      expect(viaRollups.overall.responses).toBeGreaterThan(0);
    });
  }

  it("uses the one-dimension cube for a single grouping and raw rows only for partial months", () => {
    expect(planReport(npsReportQuerySchema.parse({ groupBy: ["tier", "quarter"] })).source).toBe(
      "score_rollups",
    );
    expect(planReport(npsReportQuerySchema.parse({ groupBy: ["tier", "region"] })).source).toBe(
      "response_rollups",
    );
    expect(planReport(npsReportQuerySchema.parse({ from: "2025-01-15" })).source).toBe("responses");
  });

  it("filters by exact dates within a month from raw responses", async () => {
    const report = await runNpsReport(database.db, organizationId, { from: "2025-03-10", to: "2025-03-20" });
    const raw = await database.db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId)
      .where("submitted_at", ">=", "2025-03-10T00:00:00.000Z")
      .where("submitted_at", "<", "2025-03-21T00:00:00.000Z")
      .executeTakeFirstOrThrow();
    expect(report.source).toBe("responses");
    expect(report.overall.n).toBe(Number(raw.n));
  });

  it("rebuilding the rollups from raw responses gives the same reports", async () => {
    const before = await answer({ groupBy: ["tier", "quarter"] }, null);
    const beforeMulti = await answer({ groupBy: ["tier", "region"] }, null);
    await database.db.transaction().execute((trx) => rebuildRollups(trx, organizationId, database.features));
    expect(await answer({ groupBy: ["tier", "quarter"] }, null)).toEqual(before);
    expect(await answer({ groupBy: ["tier", "region"] }, null)).toEqual(beforeMulti);
  });
});

describe("NPS report query", () => {
  it("rejects unknown group-by fields and bad dates with the field named", async () => {
    expect(() => npsReportQuerySchema.parse({ groupBy: ["colour"] })).toThrow();
    expect(() => npsReportQuerySchema.parse({ from: "2025-13-01x" })).toThrow();
  });
});
