import { afterEach, beforeEach, expect, it } from "vitest";
import { type ApiScope, createApiKey, revokeApiKey } from "../modules/api-keys/api-key.service.js";
import type { ContactView } from "../modules/contacts/contact.js";
import type { PartnerView } from "../modules/partners/partner.js";
import { describeEachDialect } from "../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  createTenant,
  createTestApp,
  type ErrorBody,
  type ListBody,
  type TestApp,
  type TestTenant,
} from "../test-support/http.js";

const PARTNERS = "/api/v1/partners";
const CONTACTS = "/api/v1/contacts";

describeEachDialect("API authentication and scopes", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Acme", ["read", "write"]);
  });
  afterEach(async () => test?.close());

  async function status(headers: Record<string, string>, url = PARTNERS) {
    const response = await test.app.inject({ method: "GET", url, headers });
    return { status: response.statusCode, code: response.json<ErrorBody>().error?.code };
  }

  it("answers 401 unauthenticated without an Authorization header, on every API route", async () => {
    for (const url of [PARTNERS, `${PARTNERS}/x`, CONTACTS, `${CONTACTS}/x`]) {
      expect(await status({}, url)).toEqual({ status: 401, code: "unauthenticated" });
    }
    const post = await apiClient(test.app, null).post(PARTNERS, { name: "Sneaky" });
    expect(post.status).toBe(401);
  });

  it.each([
    ["a non-Bearer scheme", (key: string) => `Basic ${key}`],
    ["a Bearer without a key", () => "Bearer "],
    ["a malformed key", () => "Bearer pnps_not-a-real-key"],
    [
      "a key with one character changed",
      (key: string) => `Bearer ${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`,
    ],
    [
      "a real secret under another organization id",
      (key: string) => `Bearer ${key.replace(/^pnps_[0-9a-z]{26}_/, `pnps_${"0".repeat(26)}_`)}`,
    ],
  ])("answers 401 unauthenticated to %s", async (_label, header) => {
    expect(await status({ authorization: header(tenant.key) })).toEqual({
      status: 401,
      code: "unauthenticated",
    });
  });

  it("answers 401 to a revoked key that worked before", async () => {
    expect((await status({ authorization: `Bearer ${tenant.key}` })).status).toBe(200);
    await revokeApiKey(test.database.db, tenant.organizationId, tenant.apiKeyId);
    expect(await status({ authorization: `Bearer ${tenant.key}` })).toEqual({
      status: 401,
      code: "unauthenticated",
    });
  });

  it("lets a read-only key list and read but answers 403 forbidden to POST, PATCH and archive", async () => {
    const writer = apiClient(test.app, tenant.key);
    const partner = await writer.post<PartnerView>(PARTNERS, { name: "Northwind" });
    const contact = await writer.post<ContactView>(CONTACTS, { partner_id: partner.body.partner_id });
    const reader = apiClient(test.app, (await createApiKeyFor(tenant.organizationId, ["read"])).key);

    expect((await reader.get(PARTNERS)).status).toBe(200);
    expect((await reader.get(`${PARTNERS}/${partner.body.partner_id}`)).status).toBe(200);
    const attempts = [
      await reader.post(PARTNERS, { name: "New" }),
      await reader.patch(`${PARTNERS}/${partner.body.partner_id}`, { name: "Renamed" }),
      await reader.post(`${PARTNERS}/${partner.body.partner_id}/archive`),
      await reader.post(CONTACTS, { partner_id: partner.body.partner_id }),
      await reader.patch(`${CONTACTS}/${contact.body.contact_id}`, { name: "Renamed" }),
      await reader.post(`${CONTACTS}/${contact.body.contact_id}/archive`),
    ];
    expect(attempts.map((a) => [a.status, a.body.error.code])).toEqual(
      Array.from({ length: 6 }, () => [403, "forbidden"]),
    );
    const partners = await reader.get<ListBody<PartnerView>>(PARTNERS);
    expect(partners.body.items.map((p) => [p.name, p.archived_at])).toEqual([["Northwind", null]]);
  });

  it("answers 403 to a key without the read scope and lets an admin key write", async () => {
    const triggers = apiClient(test.app, (await createApiKeyFor(tenant.organizationId, ["triggers"])).key);
    expect((await triggers.get(PARTNERS)).status).toBe(403);
    const admin = apiClient(test.app, (await createApiKeyFor(tenant.organizationId, ["admin"])).key);
    expect((await admin.post(PARTNERS, { name: "By admin" })).status).toBe(201);
  });

  function createApiKeyFor(organizationId: string, scopes: ApiScope[]) {
    return createApiKey(test.database.db, { organizationId, name: scopes.join("+"), scopes });
  }
});

describeEachDialect("API organization isolation", (dialect) => {
  let test: TestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  let alicePartner: PartnerView;
  let aliceContact: ContactView;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    alice = apiClient(test.app, (await createTenant(test.database.db, "Alice Corp")).key);
    bob = apiClient(test.app, (await createTenant(test.database.db, "Bob Corp")).key);
    alicePartner = (
      await alice.post<PartnerView>(PARTNERS, { name: "Shared Name", tier: "Gold", external_id: "X-1" })
    ).body;
    aliceContact = (
      await alice.post<ContactView>(CONTACTS, {
        partner_id: alicePartner.partner_id,
        name: "Shared Contact",
        email: "shared@example.com",
      })
    ).body;
    const archived = await alice.post<PartnerView>(PARTNERS, { name: "Shared archived" });
    await alice.post(`${PARTNERS}/${archived.body.partner_id}/archive`);
    const bobPartner = (await bob.post<PartnerView>(PARTNERS, { name: "Shared Name", tier: "Gold" })).body;
    await bob.post(CONTACTS, { partner_id: bobPartner.partner_id, name: "Shared Contact" });
  });
  afterEach(async () => test?.close());

  it("answers 404 to another organization's partner ids for read, update and archive, changing nothing", async () => {
    const id = alicePartner.partner_id;
    const responses = [
      await bob.get(`${PARTNERS}/${id}`),
      await bob.patch(`${PARTNERS}/${id}`, { name: "Hijacked" }),
      await bob.post(`${PARTNERS}/${id}/archive`),
    ];
    expect(responses.map((r) => [r.status, r.body.error.code])).toEqual([
      [404, "not_found"],
      [404, "not_found"],
      [404, "not_found"],
    ]);
    expect((await alice.get<PartnerView>(`${PARTNERS}/${id}`)).body).toEqual(alicePartner);
  });

  it("answers 404 to another organization's contact ids for read, update and archive, changing nothing", async () => {
    const id = aliceContact.contact_id;
    const responses = [
      await bob.get(`${CONTACTS}/${id}`),
      await bob.patch(`${CONTACTS}/${id}`, { email: "attacker@example.com" }),
      await bob.post(`${CONTACTS}/${id}/archive`),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404]);
    expect((await alice.get<ContactView>(`${CONTACTS}/${id}`)).body).toEqual(aliceContact);
  });

  it("never lists another organization's partners, whatever the filters", async () => {
    for (const query of ["", "?tier=Gold", "?search=shared", "?search=X-1", "?include_archived=true"]) {
      const list = await bob.get<ListBody<PartnerView>>(`${PARTNERS}${query}`);
      expect(list.body.items.map((p) => p.partner_id)).not.toContain(alicePartner.partner_id);
      expect(list.body.items.every((p) => p.external_id !== "X-1")).toBe(true);
      expect(list.body.total).toBe(list.body.items.length);
      expect(list.body.total).toBeLessThanOrEqual(1);
    }
  });

  it("never lists another organization's contacts, even filtered by that organization's partner id", async () => {
    for (const query of [
      "",
      "?search=shared",
      `?partner_id=${alicePartner.partner_id}`,
      "?include_archived=true",
    ]) {
      const list = await bob.get<ListBody<ContactView>>(`${CONTACTS}${query}`);
      expect(list.body.items.map((c) => c.contact_id)).not.toContain(aliceContact.contact_id);
      expect(list.body.total).toBeLessThanOrEqual(1);
    }
  });

  it("does not let a key attach a contact to another organization's partner", async () => {
    const response = await bob.post(CONTACTS, { partner_id: alicePartner.partner_id, name: "Intruder" });
    expect(response.status).toBe(400);
    const aliceContacts = await alice.get<ListBody<ContactView>>(CONTACTS);
    expect(aliceContacts.body.items.map((c) => c.name)).toEqual(["Shared Contact"]);
  });
});
