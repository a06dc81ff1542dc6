import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  auditActions,
  createTenant,
  createTestApp,
  issueFields,
  type ListBody,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";
import type { PartnerView } from "../partners/partner.js";
import type { ContactView } from "./contact.js";

const CONTACTS = "/api/v1/contacts";

describeEachDialect("contacts API", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;
  let api: ApiClient;
  let partnerId: string;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Acme");
    api = apiClient(test.app, tenant.key);
    partnerId = (await api.post<PartnerView>("/api/v1/partners", { name: "Northwind" })).body.partner_id;
  });
  afterEach(async () => test?.close());

  async function createContact(fields: Record<string, unknown>): Promise<ContactView> {
    test.clock.advance(1000);
    const response = await api.post<ContactView>(CONTACTS, { partner_id: partnerId, ...fields });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function listNames(query: string): Promise<(string | null)[]> {
    const response = await api.get<ListBody<ContactView>>(`${CONTACTS}?${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((contact) => contact.name);
  }

  it("creates a contact with its email lower-cased and returns it by id", async () => {
    const created = await createContact({
      name: "Ana Silva",
      email: "Ana.Silva@Example.COM",
      role: "decision_maker",
      language: "pt-BR",
    });
    expect(created).toMatchObject({
      partner_id: partnerId,
      name: "Ana Silva",
      email: "ana.silva@example.com",
      consent: true,
      unsubscribed_at: null,
      bounced_at: null,
    });
    expect(created).not.toHaveProperty("organization_id");
    expect((await api.get<ContactView>(`${CONTACTS}/${created.contact_id}`)).body).toEqual(created);
  });

  it("lower-cases an email changed by PATCH and leaves the other fields as they were", async () => {
    const created = await createContact({ name: "Bo", email: "bo@example.com", role: "sales" });
    test.clock.advance(1000);
    const updated = await api.patch<ContactView>(`${CONTACTS}/${created.contact_id}`, {
      email: "BO@NEW.example.com",
    });
    expect(updated.status).toBe(200);
    const expected = { ...created, email: "bo@new.example.com", updated_at: test.clock.now().toISOString() };
    expect(updated.body).toEqual(expected);
    expect((await api.get<ContactView>(`${CONTACTS}/${created.contact_id}`)).body).toEqual(expected);
  });

  it.each([
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["a missing partner_id", { partner_id: undefined }, "partner_id"],
    ["an unknown partner_id", { partner_id: "01nosuchpartner" }, "partner_id"],
    ["a bad language code", { language: "English" }, "language"],
  ])("rejects %s with 400 naming the field", async (_label, fields, field) => {
    const response = await api.post(CONTACTS, { partner_id: partnerId, name: "X", ...fields });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(issueFields(response.body)).toContain(field);
  });

  it("rejects a partner_id of another organization, on create and on update", async () => {
    const other = await createTenant(test.database.db, "Other");
    const foreign = await apiClient(test.app, other.key).post<PartnerView>("/api/v1/partners", {
      name: "Theirs",
    });
    const created = await api.post(CONTACTS, { partner_id: foreign.body.partner_id, name: "X" });
    expect(created.status).toBe(400);
    expect(issueFields(created.body)).toEqual(["partner_id"]);

    const mine = await createContact({ name: "Mine" });
    const moved = await api.patch(`${CONTACTS}/${mine.contact_id}`, { partner_id: foreign.body.partner_id });
    expect(moved.status).toBe(400);
    expect(issueFields(moved.body)).toEqual(["partner_id"]);
    expect((await api.get<ContactView>(`${CONTACTS}/${mine.contact_id}`)).body.partner_id).toBe(partnerId);
  });

  it("refuses a duplicate external_id with 409 conflict", async () => {
    await createContact({ name: "First", external_id: "C-1" });
    const duplicate = await api.post(CONTACTS, { partner_id: partnerId, name: "Second", external_id: "C-1" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: "conflict", details: { field: "external_id" } });
  });

  it("lists with reachable=false only the unsubscribed and bounced contacts, reachable=true the rest", async () => {
    await createContact({ name: "Reachable" });
    await createContact({ name: "Unsubscribed", unsubscribed: true });
    const bounced = await createContact({ name: "Bounced" });
    await test.database.db
      .updateTable("contacts")
      .set({ bounced_at: test.clock.now().toISOString() })
      .where("contact_id", "=", bounced.contact_id)
      .execute();
    const later = await createContact({ name: "Unsubscribed later" });
    await api.patch(`${CONTACTS}/${later.contact_id}`, { unsubscribed: true });

    expect(await listNames("reachable=false")).toEqual(["Bounced", "Unsubscribed", "Unsubscribed later"]);
    expect(await listNames("reachable=true")).toEqual(["Reachable"]);
    expect(await listNames("")).toHaveLength(4);
  });

  it("filters by partner and searches name and email case-insensitively with literal % and _", async () => {
    const otherPartner = await api.post<PartnerView>("/api/v1/partners", { name: "Contoso" });
    await createContact({ name: "Ana", email: "ana_b@example.com" });
    await createContact({ name: "Anab", email: "anab@example.com" });
    await createContact({
      name: "Carl 50%",
      email: "carl@contoso.com",
      partner_id: otherPartner.body.partner_id,
    });

    expect(await listNames(`partner_id=${otherPartner.body.partner_id}`)).toEqual(["Carl 50%"]);
    expect(await listNames("search=ANA")).toEqual(["Ana", "Anab"]);
    expect(await listNames("search=CONTOSO.COM")).toEqual(["Carl 50%"]);
    expect(await listNames("search=ana_")).toEqual(["Ana"]);
    expect(await listNames(`search=${encodeURIComponent("%")}`)).toEqual(["Carl 50%"]);
  });

  it("sorts contacts without a name last in both directions and pages with a total", async () => {
    await createContact({ name: "Zed" });
    await createContact({ email: "anonymous@example.com" });
    await createContact({ name: "Amy" });
    expect(await listNames("sort=name&order=asc")).toEqual(["Amy", "Zed", null]);
    expect(await listNames("sort=name&order=desc")).toEqual(["Zed", "Amy", null]);

    const page = await api.get<ListBody<ContactView>>(`${CONTACTS}?limit=1&offset=1`);
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((c) => c.name)).toEqual(["Zed"]);
  });

  it("hides archived contacts unless include_archived=true and audits create, update and archive", async () => {
    const created = await createContact({ name: "Leaving" });
    test.clock.advance(1000);
    await api.patch(`${CONTACTS}/${created.contact_id}`, { role: "technical" });
    test.clock.advance(1000);
    const archived = await api.post<ContactView>(`${CONTACTS}/${created.contact_id}/archive`);
    expect(archived.body.archived_at).toBe(test.clock.now().toISOString());

    expect(await listNames("")).toEqual([]);
    expect(await listNames("include_archived=true")).toEqual(["Leaving"]);

    const actor = `api-key:${tenant.apiKeyId}`;
    expect(await auditActions(test.database.db, tenant.organizationId, created.contact_id)).toEqual([
      { action: "contact.created", actor, details: {} },
      { action: "contact.updated", actor, details: { fields: ["role"] } },
      { action: "contact.archived", actor, details: {} },
    ]);
  });

  it("answers 404 not_found for an unknown contact id", async () => {
    const response = await api.get(`${CONTACTS}/01nosuchcontact`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("not_found");
  });
});
