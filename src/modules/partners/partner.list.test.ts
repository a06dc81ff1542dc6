import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  createTenant,
  createTestApp,
  issueFields,
  type ListBody,
  type TestApp,
} from "../../test-support/http.js";
import type { PartnerView } from "./partner.js";

const PARTNERS = "/api/v1/partners";

const seedPartners = [
  { name: "Alpha Systems", external_id: "A-1", tier: "Gold", region: "EMEA", annual_revenue: 300 },
  { name: "beta Works", external_id: "B-2", tier: "Silver", region: "EMEA", annual_revenue: 900 },
  { name: "Gamma 100% Cloud", external_id: "G-3", tier: "Gold", region: "APAC", annual_revenue: 50 },
  { name: "Delta_Net", external_id: "D-4", tier: "Bronze", region: "AMER", annual_revenue: null },
  { name: "DeltaXNet", external_id: "D-5", tier: "Gold", region: "AMER", annual_revenue: 700 },
];

describeEachDialect("partners API: listing", (dialect) => {
  let test: TestApp;
  let api: ApiClient;
  const ids = new Map<string, string>();

  beforeEach(async () => {
    test = await createTestApp(dialect);
    const tenant = await createTenant(test.database.db, "Acme");
    api = apiClient(test.app, tenant.key);
    ids.clear();
    for (const partner of seedPartners) {
      test.clock.advance(1000);
      const created = await api.post<PartnerView>(PARTNERS, partner);
      expect(created.status).toBe(201);
      ids.set(partner.name, created.body.partner_id);
    }
  });
  afterEach(async () => test?.close());

  async function listNames(query: string): Promise<string[]> {
    const response = await api.get<ListBody<PartnerView>>(`${PARTNERS}?${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((partner) => partner.name);
  }

  it("lists every partner sorted by name by default with total, limit and offset", async () => {
    const response = await api.get<ListBody<PartnerView>>(PARTNERS);
    expect(response.body).toMatchObject({ total: 5, limit: 50, offset: 0 });
    // Default sort is by name ascending (byte order on both test databases: upper case first, "X" < "_").
    expect(response.body.items.map((p) => p.name)).toEqual([
      "Alpha Systems",
      "DeltaXNet",
      "Delta_Net",
      "Gamma 100% Cloud",
      "beta Works",
    ]);
  });

  it("filters by tier and by region, and by both together", async () => {
    expect(await listNames("tier=Gold")).toEqual(["Alpha Systems", "DeltaXNet", "Gamma 100% Cloud"]);
    expect(await listNames("region=EMEA")).toEqual(["Alpha Systems", "beta Works"]);
    expect(await listNames("tier=Gold&region=AMER")).toEqual(["DeltaXNet"]);
    expect(await listNames("tier=Platinum")).toEqual([]);
  });

  it("searches name and external_id case-insensitively", async () => {
    expect(await listNames("search=BETA")).toEqual(["beta Works"]);
    expect(await listNames("search=systems")).toEqual(["Alpha Systems"]);
    expect(await listNames("search=d-5")).toEqual(["DeltaXNet"]);
  });

  it("treats % and _ in search as literal characters, not wildcards", async () => {
    expect(await listNames("search=Delta_")).toEqual(["Delta_Net"]);
    expect(await listNames(`search=${encodeURIComponent("100%")}`)).toEqual(["Gamma 100% Cloud"]);
    expect(await listNames(`search=${encodeURIComponent("%")}`)).toEqual(["Gamma 100% Cloud"]);
    expect(await listNames("search=_")).toEqual(["Delta_Net"]);
    expect(await listNames(`search=${encodeURIComponent("\\")}`)).toEqual([]);
  });

  it("sorts by annual_revenue descending with partners without revenue last", async () => {
    expect(await listNames("sort=annual_revenue&order=desc")).toEqual([
      "beta Works",
      "DeltaXNet",
      "Alpha Systems",
      "Gamma 100% Cloud",
      "Delta_Net",
    ]);
  });

  it("sorts by annual_revenue ascending with partners without revenue last", async () => {
    expect(await listNames("sort=annual_revenue&order=asc")).toEqual([
      "Gamma 100% Cloud",
      "Alpha Systems",
      "DeltaXNet",
      "beta Works",
      "Delta_Net",
    ]);
  });

  it("pages with limit and offset while total counts every match", async () => {
    const query = "sort=created_at&order=asc";
    const first = await api.get<ListBody<PartnerView>>(`${PARTNERS}?${query}&limit=2&offset=0`);
    const second = await api.get<ListBody<PartnerView>>(`${PARTNERS}?${query}&limit=2&offset=2`);
    const last = await api.get<ListBody<PartnerView>>(`${PARTNERS}?${query}&limit=2&offset=4`);
    const beyond = await api.get<ListBody<PartnerView>>(`${PARTNERS}?${query}&limit=2&offset=10`);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(beyond.body).toMatchObject({ total: 5, items: [] });
    const paged = [first, second, last].flatMap((page) => page.body.items.map((p) => p.name));
    expect(paged).toEqual(seedPartners.map((p) => p.name));
    // Filters apply to the total too.
    const gold = await api.get<ListBody<PartnerView>>(`${PARTNERS}?tier=Gold&limit=1`);
    expect(gold.body).toMatchObject({ total: 3, limit: 1 });
    expect(gold.body.items).toHaveLength(1);
  });

  it("hides archived partners from the default list but shows them with include_archived=true", async () => {
    const archived = await api.post<PartnerView>(`${PARTNERS}/${ids.get("beta Works")}/archive`);
    expect(archived.status).toBe(200);

    const active = await api.get<ListBody<PartnerView>>(PARTNERS);
    expect(active.body.total).toBe(4);
    expect(active.body.items.map((p) => p.name)).not.toContain("beta Works");
    expect(await listNames("search=beta")).toEqual([]);

    const all = await api.get<ListBody<PartnerView>>(`${PARTNERS}?include_archived=true`);
    expect(all.body.total).toBe(5);
    expect(all.body.items.find((p) => p.name === "beta Works")?.archived_at).toBe(archived.body.archived_at);
    // An archived partner can still be read by id.
    expect((await api.get(`${PARTNERS}/${ids.get("beta Works")}`)).status).toBe(200);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=1001", "limit"],
    ["offset=-1", "offset"],
    ["limit=ten", "limit"],
    ["sort=secret_column", "sort"],
    ["order=sideways", "order"],
    ["include_archived=yes", "include_archived"],
  ])("rejects the query %s with 400 naming the parameter", async (query, field) => {
    const response = await api.get(`${PARTNERS}?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(issueFields(response.body)).toContain(field);
  });
});
