import { afterAll, beforeAll, expect, it } from "vitest";
import { NotFoundError } from "../../core/errors.js";
import { computeNps } from "../../core/statistics/interval.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import { contextFor, seedPortfolio, USERS } from "./portfolio.test-fixtures.js";
import { getPartnerScorecard } from "./scorecard.service.js";

/** Role-weighted counts scaled to Kish's effective size, worked out by hand for the fixture. */
function weighted(promoters: number, passives: number, detractors: number, sumW: number, sumW2: number) {
  const effective = (sumW * sumW) / sumW2;
  const scale = effective / sumW;
  return computeNps(
    { promoters: promoters * scale, passives: passives * scale, detractors: detractors * scale },
    { allowFractionalCounts: true },
  );
}

describeEachDialect("partner scorecard", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Scorecard Org" })).organization_id;
    await seedPortfolio(database, organizationId);
  });
  afterAll(async () => database?.destroy());

  it("gives Alpha's partner facts, role-weighted NPS with interval and band, and quarterly trend", async () => {
    const card = await getPartnerScorecard(contextFor(database, organizationId), "p-alpha");
    expect(card.partner).toEqual({
      partnerId: "p-alpha",
      name: "Alpha Systèmes",
      tier: "gold",
      type: "reseller",
      region: "EMEA",
      country: null,
      strategic: false,
      annualRevenue: 500_000,
      renewalDate: null,
      owner: { userId: USERS.anna, name: "Anna Manager" },
    });
    // Executive sponsor weighs 2, sales 1: 9 (2), 4 (1), 10 (2), 8 (1) → promoters 4, passives 1, detractors 1 of 6.
    expect(card.nps.nps).toBe(50);
    expect(card.nps.nps_rounded).toBe(50);
    expect(card.nps.n).toBe(4);
    expect(card.nps.effective_n).toBeCloseTo(3.6, 12);
    const expected = weighted(4, 1, 1, 6, 10);
    expect(card.nps.interval!.low).toBeCloseTo(expected.interval!.low, 10);
    expect(card.nps.interval!.high).toBeCloseTo(expected.interval!.high, 10);
    expect(card.nps.small_sample).toBe(true);
    // 50 is not above the "strong" edge (> 50), so the band is moderate.
    expect(card.band?.key).toBe("moderate");
    expect(card.trend.map((p) => [p.period, p.n, p.nps, p.change?.from_period ?? null])).toEqual([
      ["2025-Q4", 2, 100 / 3, null],
      ["2026-Q1", 2, 200 / 3, "2025-Q4"],
    ]);
    const q4 = weighted(2, 0, 1, 3, 5);
    expect(card.trend[0]!.interval!.low).toBeCloseTo(q4.interval!.low, 10);
    expect(card.trend[1]!.change!.significant).toBe(false);
  });

  it("lists contacts by role with their latest answer, the latest comments, wave response rates and open cases", async () => {
    const card = await getPartnerScorecard(contextFor(database, organizationId), "p-alpha");
    expect(card.contacts).toEqual([
      {
        role: "executive_sponsor",
        contacts: [
          {
            contactId: "c-alpha-exec",
            name: "Claire Dupont",
            email: "c-alpha-exec@partner.test",
            latest: { score: 10, category: "promoter", respondedAt: "2026-01-10T10:00:00.000Z" },
          },
        ],
      },
      {
        role: "sales",
        contacts: [
          {
            contactId: "c-alpha-sales",
            name: "Marc Petit",
            email: "c-alpha-sales@partner.test",
            latest: { score: 8, category: "passive", respondedAt: "2026-01-11T10:00:00.000Z" },
          },
        ],
      },
      {
        role: "technical",
        contacts: [
          { contactId: "c-alpha-tech", name: "Léa Martin", email: "c-alpha-tech@partner.test", latest: null },
        ],
      },
    ]);
    expect(card.comments.map((c) => [c.responseId, c.comment, c.contact?.name ?? null])).toEqual([
      ["r3", "Excellent ŒUVRE commune", "Claire Dupont"],
      ["r2", "Support trop lent", "Marc Petit"],
      ["r1", "Très bon échange avec l'équipe", "Claire Dupont"],
    ]);
    expect(card.responseRates).toEqual([
      {
        waveId: "w-q1",
        name: "Q1 2026",
        status: "open",
        openedAt: "2026-01-05T00:00:00.000Z",
        invited: 3,
        delivered: 3,
        responded: 2,
        responseRate: 2 / 3,
      },
      {
        waveId: "w-q4",
        name: "Q4 2025",
        status: "closed",
        openedAt: "2025-10-01T00:00:00.000Z",
        invited: 3,
        delivered: 2,
        responded: 2,
        responseRate: 1,
      },
    ]);
    expect(card.cases).toEqual([
      {
        caseId: "case-open",
        status: "in_progress",
        rule: "detractor",
        ownerUserId: USERS.anna,
        dueAt: "2025-10-14T17:00:00.000Z",
        firstContactAt: null,
        createdAt: "2025-10-12T10:00:00.000Z",
      },
    ]);
  });

  it("shows the owning manager the same figures but hides answers to anonymous surveys per contact", async () => {
    const card = await getPartnerScorecard(contextFor(database, organizationId, USERS.anna), "p-alpha");
    expect(card.nps.nps).toBe(50);
    const latest = card.contacts.flatMap((r) => r.contacts as { contactId: string; latest: unknown }[]);
    expect(latest.map((c) => [c.contactId, c.latest])).toEqual([
      ["c-alpha-exec", { score: 9, category: "promoter", respondedAt: "2025-10-10T10:00:00.000Z" }],
      ["c-alpha-sales", { score: 4, category: "detractor", respondedAt: "2025-10-12T10:00:00.000Z" }],
      ["c-alpha-tech", null],
    ]);
    expect(card.comments.map((c) => [c.responseId, c.contact?.name ?? null])).toEqual([
      ["r3", null],
      ["r2", "Marc Petit"],
      ["r1", "Claire Dupont"],
    ]);
  });

  it("answers 404 for another manager's partner and for an unknown id", async () => {
    await expect(
      getPartnerScorecard(contextFor(database, organizationId, USERS.anna), "p-gamma"),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPartnerScorecard(contextFor(database, organizationId), "p-nope")).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
