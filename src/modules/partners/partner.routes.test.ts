import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  auditActions,
  createTenant,
  createTestApp,
  type ErrorBody,
  issueFields,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";
import type { PartnerView } from "./partner.js";

const PARTNERS = "/api/v1/partners";

describeEachDialect("partners API: single partner", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;
  let api: ApiClient;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Acme");
    api = apiClient(test.app, tenant.key);
  });
  afterEach(async () => test?.close());

  async function insertUser(organizationId: string, userId: string): Promise<void> {
    await test.database.db
      .insertInto("users")
      .values({
        organization_id: organizationId,
        user_id: userId,
        email: `${userId}@example.com`,
        name: userId,
        role: "partner_manager",
        password_hash: null,
        lead_user_id: null,
        created_at: test.clock.now().toISOString(),
        disabled_at: null,
      })
      .execute();
  }

  it("creates a partner (201), returns it by id and shows flags and custom fields parsed", async () => {
    await insertUser(tenant.organizationId, "owner-1");
    const created = await api.post<PartnerView>(PARTNERS, {
      name: "  Northwind Traders ",
      external_id: "NW-1",
      tier: "Gold",
      region: "EMEA",
      owner_user_id: "owner-1",
      annual_revenue: 1250000.5,
      renewal_date: "2026-12-31",
      strategic: true,
      custom: { segment: "smb", seats: 12 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Northwind Traders",
      external_id: "NW-1",
      tier: "Gold",
      owner_user_id: "owner-1",
      annual_revenue: 1250000.5,
      renewal_date: "2026-12-31",
      strategic: true,
      custom: { segment: "smb", seats: 12 },
      archived_at: null,
    });
    expect(created.body).not.toHaveProperty("organization_id");

    const fetched = await api.get<PartnerView>(`${PARTNERS}/${created.body.partner_id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it("PATCH changes only the fields sent and keeps the others as they were", async () => {
    const created = await api.post<PartnerView>(PARTNERS, {
      name: "Contoso",
      tier: "Silver",
      region: "APAC",
      annual_revenue: 500,
      strategic: true,
      custom: { a: 1 },
    });
    test.clock.advance(60_000);
    const updated = await api.patch<PartnerView>(`${PARTNERS}/${created.body.partner_id}`, {
      tier: "Gold",
    });
    expect(updated.status).toBe(200);
    const expected = {
      ...created.body,
      tier: "Gold",
      updated_at: test.clock.now().toISOString(),
    };
    expect(updated.body).toEqual(expected);
    const stored = await api.get<PartnerView>(`${PARTNERS}/${created.body.partner_id}`);
    expect(stored.body).toEqual(expected);
  });

  it("PATCH with null clears an optional field", async () => {
    const created = await api.post<PartnerView>(PARTNERS, { name: "Fabrikam", region: "EMEA" });
    const updated = await api.patch<PartnerView>(`${PARTNERS}/${created.body.partner_id}`, {
      region: null,
    });
    expect(updated.body.region).toBeNull();
    expect((await api.get<PartnerView>(`${PARTNERS}/${created.body.partner_id}`)).body.region).toBeNull();
  });

  it("writes audit rows for create, update (naming the fields) and archive by the API key", async () => {
    const created = await api.post<PartnerView>(PARTNERS, { name: "Audited" });
    const id = created.body.partner_id;
    test.clock.advance(1000);
    await api.patch(`${PARTNERS}/${id}`, { tier: "Gold", region: "EMEA" });
    test.clock.advance(1000);
    const archived = await api.post<PartnerView>(`${PARTNERS}/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archived_at).toBe(test.clock.now().toISOString());

    const actor = `api-key:${tenant.apiKeyId}`;
    expect(await auditActions(test.database.db, tenant.organizationId, id)).toEqual([
      { action: "partner.created", actor, details: {} },
      { action: "partner.updated", actor, details: { fields: ["tier", "region"] } },
      { action: "partner.archived", actor, details: {} },
    ]);
  });

  it("archiving twice keeps the first archive time", async () => {
    const created = await api.post<PartnerView>(PARTNERS, { name: "Twice" });
    const first = await api.post<PartnerView>(`${PARTNERS}/${created.body.partner_id}/archive`);
    test.clock.advance(60_000);
    const second = await api.post<PartnerView>(`${PARTNERS}/${created.body.partner_id}/archive`);
    expect(second.body.archived_at).toBe(first.body.archived_at);
  });

  it.each([
    ["an empty name", { name: "   " }, "name"],
    ["a missing name", { tier: "Gold" }, "name"],
    ["a negative annual_revenue", { name: "X", annual_revenue: -1 }, "annual_revenue"],
    ["a text annual_revenue", { name: "X", annual_revenue: "lots" }, "annual_revenue"],
    [
      "a renewal_date that does not exist (2026-02-30)",
      { name: "X", renewal_date: "2026-02-30" },
      "renewal_date",
    ],
    ["a renewal_date of 2026-04-31", { name: "X", renewal_date: "2026-04-31" }, "renewal_date"],
    ["a renewal_date in month 13", { name: "X", renewal_date: "2026-13-01" }, "renewal_date"],
    ["a renewal_date not in YYYY-MM-DD", { name: "X", renewal_date: "31/12/2026" }, "renewal_date"],
    ["an unknown owner_user_id", { name: "X", owner_user_id: "nobody" }, "owner_user_id"],
  ])("rejects %s with 400 validation_failed naming the field", async (_label, payload, field) => {
    const response = await api.post(PARTNERS, payload);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(issueFields(response.body)).toContain(field);
  });

  it("accepts a leap day as renewal_date", async () => {
    const created = await api.post<PartnerView>(PARTNERS, { name: "Leap", renewal_date: "2028-02-29" });
    expect(created.status).toBe(201);
    expect(created.body.renewal_date).toBe("2028-02-29");
  });

  it("rejects an owner who belongs to another organization", async () => {
    const other = await createTenant(test.database.db, "Other");
    await insertUser(other.organizationId, "foreign-owner");
    const response = await api.post(PARTNERS, { name: "X", owner_user_id: "foreign-owner" });
    expect(response.status).toBe(400);
    expect(issueFields(response.body)).toEqual(["owner_user_id"]);
  });

  it("validates PATCH bodies the same way and leaves the partner unchanged", async () => {
    const created = await api.post<PartnerView>(PARTNERS, { name: "Stable", annual_revenue: 10 });
    const response = await api.patch(`${PARTNERS}/${created.body.partner_id}`, {
      name: "",
      annual_revenue: -5,
    });
    expect(response.status).toBe(400);
    expect(issueFields(response.body)).toEqual(expect.arrayContaining(["name", "annual_revenue"]));
    expect((await api.get<PartnerView>(`${PARTNERS}/${created.body.partner_id}`)).body).toEqual(created.body);
  });

  it("refuses a duplicate external_id with 409 conflict, on create and on update", async () => {
    await api.post(PARTNERS, { name: "First", external_id: "EXT-1" });
    const duplicate = await api.post(PARTNERS, { name: "Second", external_id: "EXT-1" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "conflict", details: { field: "external_id" } });

    const second = await api.post<PartnerView>(PARTNERS, { name: "Second", external_id: "EXT-2" });
    const renamed = await api.patch(`${PARTNERS}/${second.body.partner_id}`, { external_id: "EXT-1" });
    expect(renamed.status).toBe(409);
    // Re-sending a partner's own external_id is not a conflict.
    const same = await api.patch(`${PARTNERS}/${second.body.partner_id}`, { external_id: "EXT-2" });
    expect(same.status).toBe(200);
  });

  it("allows the same external_id in two organizations", async () => {
    const other = await createTenant(test.database.db, "Other");
    await api.post(PARTNERS, { name: "Mine", external_id: "SHARED" });
    const theirs = await apiClient(test.app, other.key).post(PARTNERS, {
      name: "Theirs",
      external_id: "SHARED",
    });
    expect(theirs.status).toBe(201);
  });

  it.each([
    ["GET", ""],
    ["PATCH", ""],
    ["POST", "/archive"],
  ] as const)("answers 404 not_found to %s of an unknown id", async (method, suffix) => {
    const url = `${PARTNERS}/01unknownpartner${suffix}`;
    const response =
      method === "GET"
        ? await api.get(url)
        : method === "PATCH"
          ? await api.patch(url, {})
          : await api.post(url);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });

  it("error bodies have the one shape {error:{code,message,details}}", async () => {
    const response = await api.post<ErrorBody>(PARTNERS, { name: "" });
    expect(Object.keys(response.body)).toEqual(["error"]);
    expect(response.body.error.message).toMatch(/name/);
  });
});
