import { afterAll, beforeAll, expect, it } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import { runPartnerTable } from "./partner-table.service.js";
import { contextFor, seedPortfolio, USERS } from "./portfolio.test-fixtures.js";

describeEachDialect("partners table", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Table Org" })).organization_id;
    await seedPortfolio(database, organizationId);
  });
  afterAll(async () => database?.destroy());

  const table = (query: Record<string, unknown>, owner: string | null = null) =>
    runPartnerTable(contextFor(database, organizationId, owner), query);
  const names = async (query: Record<string, unknown>, owner: string | null = null) =>
    (await table(query, owner)).items.map((row) => row.name);

  it("gives each partner its role-weighted NPS, n, trend, last answer, response rate and owner", async () => {
    const result = await table({ sort: "nps", order: "desc" });
    expect(result.total).toBe(4);
    expect(result.items.map((r) => [r.name, r.nps, r.n])).toEqual([
      ["Delta Orphan", 100, 1],
      ["Alpha Systèmes", 50, 4],
      ["Beta Integration", 0, 2],
      ["Gamma Cloud", -100, 2],
    ]);
    const alpha = result.items[1]!;
    expect(alpha.owner).toEqual({ userId: USERS.anna, name: "Anna Manager" });
    expect(alpha.trend).toMatchObject({ period: "2026-Q1", fromPeriod: "2025-Q4", significant: false });
    expect(alpha.trend!.delta).toBeCloseTo(100 / 3, 10);
    expect(alpha.lastResponseAt).toBe("2026-01-11T10:00:00.000Z");
    // Alpha: 6 invitations, 1 bounced, 4 answered.
    expect(alpha).toMatchObject({ invited: 6, responded: 4, responseRate: 0.8 });
    expect(alpha.interval!.low).toBeLessThan(50);
    const beta = result.items[2]!;
    expect(beta.trend).toMatchObject({ delta: 200, period: "2026-Q1", fromPeriod: "2025-Q4" });
    const delta = result.items[0]!;
    expect(delta).toMatchObject({ trend: null, owner: null, responseRate: null, invited: 0 });
  });

  it("sorts by any column with missing values last", async () => {
    expect(await names({ sort: "name" })).toEqual([
      "Alpha Systèmes",
      "Beta Integration",
      "Delta Orphan",
      "Gamma Cloud",
    ]);
    expect(await names({ sort: "trend", order: "desc" })).toEqual([
      "Beta Integration",
      "Alpha Systèmes",
      "Gamma Cloud",
      "Delta Orphan",
    ]);
    expect(await names({ sort: "responseRate", order: "asc" })).toEqual([
      "Alpha Systèmes",
      "Beta Integration",
      "Gamma Cloud",
      "Delta Orphan",
    ]);
    expect(await names({ sort: "owner" })).toEqual([
      "Alpha Systèmes",
      "Beta Integration",
      "Gamma Cloud",
      "Delta Orphan",
    ]);
    expect(await names({ sort: "revenue", order: "desc" })).toEqual([
      "Gamma Cloud",
      "Alpha Systèmes",
      "Beta Integration",
      "Delta Orphan",
    ]);
    expect(await names({ sort: "lastResponseAt", order: "desc", pageSize: 2, page: 2 })).toEqual([
      "Beta Integration",
      "Alpha Systèmes",
    ]);
  });

  it("filters on tier, type, region, owner and name, and scopes a manager to their partners", async () => {
    expect(await names({ tier: "gold" })).toEqual(["Alpha Systèmes", "Gamma Cloud"]);
    expect(await names({ tier: ["gold", "bronze"], region: "EMEA" })).toEqual([
      "Alpha Systèmes",
      "Gamma Cloud",
    ]);
    expect(await names({ type: "integrator,referral" })).toEqual(["Beta Integration", "Delta Orphan"]);
    expect(await names({ owner: USERS.anna })).toEqual(["Alpha Systèmes", "Beta Integration"]);
    expect(await names({ q: "CLOUD" })).toEqual(["Gamma Cloud"]);
    expect(await names({}, USERS.anna)).toEqual(["Alpha Systèmes", "Beta Integration"]);
    expect(await names({ tier: "gold" }, USERS.bob)).toEqual(["Gamma Cloud"]);
  });

  it("counts only answers in the date range", async () => {
    const result = await table({ from: "2026-01-01", to: "2026-03-31", sort: "name" });
    expect(result.items.map((r) => [r.name, r.nps, r.n, r.trend])).toEqual([
      ["Alpha Systèmes", 200 / 3, 2, null],
      ["Beta Integration", 100, 1, null],
      ["Delta Orphan", 100, 1, null],
      ["Gamma Cloud", -100, 1, null],
    ]);
    await expect(table({ sort: "comment" })).rejects.toBeInstanceOf(ValidationError);
  });
});
