import { afterAll, beforeAll, expect, it } from "vitest";
import { ValidationError } from "../../core/errors.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import { contextFor, seedPortfolio, USERS } from "../partners/portfolio.test-fixtures.js";
import { explorerQueryFromUrl } from "./response-explorer.js";
import { listResponses } from "./response-explorer.service.js";

describeEachDialect("responses explorer", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    organizationId = (await createOrganization(database.db, { name: "Explorer Org" })).organization_id;
    await seedPortfolio(database, organizationId);
  });
  afterAll(async () => database?.destroy());

  const list = (url: Record<string, string | string[]>, owner: string | null = null) =>
    listResponses(contextFor(database, organizationId, owner), explorerQueryFromUrl(url));
  const ids = async (url: Record<string, string | string[]>, owner: string | null = null) =>
    (await list(url, owner)).items.map((i) => i.responseId);

  it("lists every response newest first with partner, contact, survey and wave", async () => {
    const page = await list({});
    expect(page.total).toBe(9);
    expect(page.items.map((i) => i.responseId)).toEqual([
      "r9",
      "r8",
      "r6",
      "r4",
      "r3",
      "r7",
      "r5",
      "r2",
      "r1",
    ]);
    const r3 = page.items.find((i) => i.responseId === "r3");
    expect(r3).toEqual({
      responseId: "r3",
      partner: { partnerId: "p-alpha", name: "Alpha Systèmes", tier: "gold" },
      contact: { contactId: "c-alpha-exec", name: "Claire Dupont", role: "executive_sponsor" },
      score: 10,
      category: "promoter",
      comment: "Excellent ŒUVRE commune",
      respondedAt: "2026-01-10T10:00:00.000Z",
      survey: { surveyId: "s-anon", name: "Anonymous pulse" },
      wave: { waveId: "w-q1", name: "Q1 2026" },
      language: "fr",
    });
    expect(page.items.find((i) => i.responseId === "r9")).toMatchObject({ survey: null, wave: null });
  });

  it("searches comments ignoring case and accents, every word required", async () => {
    expect((await ids({ q: "echange" })).sort()).toEqual(["r1", "r7"]);
    expect((await ids({ q: "ÉCHANGE" })).sort()).toEqual(["r1", "r7"]);
    expect(await ids({ q: "oeuvre" })).toEqual(["r3"]);
    expect(await ids({ q: "Œuvre" })).toEqual(["r3"]);
    expect(await ids({ q: "deçu" })).toEqual(["r8"]);
    expect(await ids({ q: "bon echange" })).toEqual(["r1"]);
    expect(await ids({ q: "échange lent" })).toEqual([]);
    // LIKE wildcards in the search are literal text.
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "_" })).toEqual([]);
  });

  it("applies the analytics filters, category and dates the same way", async () => {
    expect((await ids({ tier: "gold", category: "detractor" })).sort()).toEqual(["r2", "r7", "r8"]);
    expect((await ids({ tier: "gold,silver", category: ["passive", "promoter"] })).sort()).toEqual([
      "r1",
      "r3",
      "r4",
      "r6",
    ]);
    expect((await ids({ from: "2026-01-01", to: "2026-01-20" })).sort()).toEqual(["r3", "r4", "r6"]);
    expect((await ids({ wave: "w-q4", partner: "p-alpha" })).sort()).toEqual(["r1", "r2"]);
    expect((await ids({ survey: "s-anon", region: "NA" })).sort()).toEqual(["r6"]);
    expect((await ids({ role: "sales" })).sort()).toEqual(["r2", "r4"]);
  });

  it("sorts and pages", async () => {
    const page = await list({ sort: "score", order: "asc", page: "2", pageSize: "3" });
    expect(page).toMatchObject({ total: 9, page: 2, pageSize: 3 });
    // Scores ascending: r8 2, r7 3, r2 4 | r5 6, r4 8, r1 9 | r6 9, r3 10, r9 10.
    expect(page.items.map((i) => [i.responseId, i.score])).toEqual([
      ["r5", 6],
      ["r4", 8],
      ["r1", 9],
    ]);
    expect(
      (await list({ sort: "partner", order: "asc", pageSize: "2" })).items.map((i) => i.partner.name),
    ).toEqual(["Alpha Systèmes", "Alpha Systèmes"]);
  });

  it("shows a manager only their partners' responses and hides anonymous respondents from them", async () => {
    expect((await ids({}, USERS.anna)).sort()).toEqual(["r1", "r2", "r3", "r4", "r5", "r6"]);
    expect(await ids({ q: "echange" }, USERS.anna)).toEqual(["r1"]);
    expect(await ids({ partner: "p-gamma" }, USERS.anna)).toEqual([]);
    const items = (await list({}, USERS.anna)).items;
    expect(items.find((i) => i.responseId === "r3")!.contact).toBeNull();
    expect(items.find((i) => i.responseId === "r1")!.contact).toEqual({
      contactId: "c-alpha-exec",
      name: "Claire Dupont",
      role: "executive_sponsor",
    });
    expect((await ids({}, USERS.bob)).sort()).toEqual(["r7", "r8"]);
  });

  it("narrows to the response ids asked for, still within a manager's partners", async () => {
    expect((await ids({ ids: "r3,r7" })).sort()).toEqual(["r3", "r7"]);
    expect((await ids({ ids: ["r1", "r9"], category: "promoter" })).sort()).toEqual(["r1", "r9"]);
    expect(await ids({ ids: "r2,unknown" })).toEqual(["r2"]);
    expect(await ids({ ids: "r1,r7" }, USERS.bob)).toEqual(["r7"]);
  });

  it("rejects a bad category, sort or page size", async () => {
    await expect(list({ category: "angry" })).rejects.toBeInstanceOf(ValidationError);
    await expect(list({ sort: "comment" })).rejects.toBeInstanceOf(ValidationError);
    await expect(list({ pageSize: "5000" })).rejects.toBeInstanceOf(ValidationError);
    await expect(list({ from: "2026-02-30" })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      list({ ids: Array.from({ length: 501 }, (_, i) => `r${i}`).join(",") }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
