import { afterAll, beforeAll, expect, it } from "vitest";
import { accumulateRollups, type RollupSource } from "../../core/rollups.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { applyRollupDeltas } from "./rollup.repository.js";

const ORG = "o1";

function response(partner: number, score: number, overrides: Partial<RollupSource> = {}): RollupSource {
  return {
    partner_id: `p${partner}`,
    period_month: "2026-03",
    partner_tier: "Gold",
    partner_type: "Reseller",
    partner_region: "EMEA",
    partner_country: "FR",
    partner_industry: null,
    owner_user_id: null,
    contact_role: "Sales",
    survey_id: "s1",
    wave_id: "w1",
    channel: "email",
    score,
    ...overrides,
  };
}

describeEachDialect("rollup upserts", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.destroy());

  const apply = (sources: RollupSource[], sign: 1 | -1) =>
    database.db
      .transaction()
      .execute((trx) => applyRollupDeltas(trx, ORG, accumulateRollups(sources, sign), database.features));

  const scoreCounts = async () =>
    (
      await database.db
        .selectFrom("score_rollups")
        .select(["dimension", "dimension_value", "score", "responses"])
        .where("organization_id", "=", ORG)
        .orderBy("dimension")
        .orderBy("dimension_value")
        .orderBy("score")
        .execute()
    ).map((r) => `${r.dimension}=${r.dimension_value}/${r.score}:${r.responses}`);

  const partnerCounts = async () =>
    (
      await database.db
        .selectFrom("response_rollups")
        .select(["partner_id", "tier", "industry", "score", "responses"])
        .where("organization_id", "=", ORG)
        .orderBy("partner_id")
        .orderBy("score")
        .execute()
    ).map((r) => `${r.partner_id}/${r.tier}/${r.industry}/${r.score}:${r.responses}`);

  it("writes one response as 1 partner key and 12 dimension keys, and adds to them on conflict", async () => {
    await apply([response(1, 9)], 1);
    expect(await partnerCounts()).toEqual(["p1/Gold//9:1"]);
    const once = [
      "all=/9:1",
      "channel=email/9:1",
      "country=FR/9:1",
      "industry=/9:1",
      "owner=/9:1",
      "partner=p1/9:1",
      "region=EMEA/9:1",
      "role=Sales/9:1",
      "survey=s1/9:1",
      "tier=Gold/9:1",
      "type=Reseller/9:1",
      "wave=w1/9:1",
    ];
    expect(await scoreCounts()).toEqual(once);
    // A second response with the same key, then an edit moving it from 9 to 3: the counts follow.
    await apply([response(1, 9)], 1);
    expect(await partnerCounts()).toEqual(["p1/Gold//9:2"]);
    await database.db.transaction().execute(async (trx) => {
      const deltas = accumulateRollups([response(1, 9)], -1);
      accumulateRollups([response(1, 3)], 1, deltas);
      await applyRollupDeltas(trx, ORG, deltas, database.features);
    });
    expect(await partnerCounts()).toEqual(["p1/Gold//3:1", "p1/Gold//9:1"]);
    const scores = await scoreCounts();
    expect(scores).toHaveLength(24);
    expect(scores).toContain("partner=p1/3:1");
    expect(scores).toContain("partner=p1/9:1");
    expect(scores).toContain("all=/3:1");
    await apply([response(1, 3), response(1, 9)], -1);
  });

  it("writes batches past the prepared sizes (40 partners) the same way as small ones", async () => {
    const sources = Array.from({ length: 40 }, (_, i) =>
      response(i + 10, i % 11, { partner_industry: "Retail" }),
    );
    await apply(sources, 1);
    await apply(sources.slice(0, 5), 1);
    const partners = await partnerCounts();
    // Left by the test above at zero, and 40 new keys, the first five counted twice.
    expect(partners.filter((p) => !p.endsWith(":0"))).toHaveLength(40);
    expect(partners).toContain("p10/Gold/Retail/0:2");
    expect(partners).toContain("p14/Gold/Retail/4:2");
    expect(partners).toContain("p15/Gold/Retail/5:1");
    expect(partners).toContain("p49/Gold/Retail/6:1");
    const scores = await scoreCounts();
    // Scores 0..10 over 40 responses: 0–6 four times, 7–10 three times, plus the five repeated (0–4).
    expect(scores).toContain("all=/0:5");
    expect(scores).toContain("all=/4:5");
    expect(scores).toContain("all=/5:4");
    expect(scores).toContain("all=/10:3");
    expect(scores).toContain("industry=Retail/7:3");
    expect(scores).toContain("partner=p49/6:1");
  });
});
