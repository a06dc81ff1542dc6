import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";
import type { ImportOptions, ImportReport } from "./import.js";
import { importCsv } from "./import.service.js";

const PARTNERS = [
  "external_id,name,tier,type,region,country,industry,size,annual_revenue,renewal_date,strategic",
  "P1,Acme Integrations,Gold,Reseller,EMEA,FR,Software,Large,1200.5,2026-01-31,yes",
  "P2,Beta Services,Silver,MSP,,US,Services,Small,NA,,no",
  "",
].join("\n");

const CONTACTS = [
  "external_id,partner_external_id,name,email,role,language",
  "C1,P1,Alice Martin,Alice@Example.COM,Decision maker,fr",
  "C2,P2,Bob Stone,bob@example.com,Technical,en",
  "",
].join("\n");

const RESPONSES = [
  "external_id,contact_external_id,score,comment,submitted_at",
  "R1,C1,9,Très réactifs,2025-03-02T10:00:00Z",
  "R2,C2,4,Slow support,2025-03-05",
  "",
].join("\n");

describeEachDialect("partner, contact, response and metric imports", (dialect) => {
  let database: TestDatabase;
  let organizationId: string;
  const clock = new ManualClock("2025-06-01T12:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.destroy());
  beforeEach(async () => {
    organizationId = (await createOrganization(database.db, { name: `Org ${Math.random()}` }))
      .organization_id;
  });

  function runImport(kind: ImportOptions["kind"], text: string, options: Partial<ImportOptions> = {}) {
    return importCsv(
      database,
      organizationId,
      { kind, fileName: `${kind}.csv`, bytes: new TextEncoder().encode(text), actor: "test", ...options },
      clock,
    );
  }

  async function expectCommitted(report: Promise<ImportReport>, figures: Partial<ImportReport>) {
    const result = await report;
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ committed: true, ...figures });
  }

  async function responseSnapshots() {
    return database.db
      .selectFrom("responses")
      .innerJoin("partners", (join) =>
        join
          .onRef("partners.partner_id", "=", "responses.partner_id")
          .onRef("partners.organization_id", "=", "responses.organization_id"),
      )
      .leftJoin("contacts", (join) =>
        join
          .onRef("contacts.contact_id", "=", "responses.contact_id")
          .onRef("contacts.organization_id", "=", "responses.organization_id"),
      )
      .select([
        "responses.external_id",
        "partners.external_id as partner",
        "contacts.external_id as contact",
        "responses.partner_tier",
        "responses.partner_type",
        "responses.partner_region",
        "responses.partner_country",
        "responses.contact_role",
        "responses.language",
        "responses.submitted_at",
      ])
      .where("responses.organization_id", "=", organizationId)
      .orderBy("responses.external_id")
      .execute();
  }

  it("imports partners, then contacts by partner external id, then responses by contact external id", async () => {
    await expectCommitted(runImport("partners", PARTNERS), { inserted: 2 });
    await expectCommitted(runImport("contacts", CONTACTS), { inserted: 2 });
    await expectCommitted(runImport("responses", RESPONSES), { inserted: 2 });
    const contacts = await database.db
      .selectFrom("contacts")
      .select(["external_id", "email", "role", "language"])
      .where("organization_id", "=", organizationId)
      .orderBy("external_id")
      .execute();
    expect(contacts[0]).toEqual({
      external_id: "C1",
      email: "alice@example.com",
      role: "Decision maker",
      language: "fr",
    });
    expect(await responseSnapshots()).toEqual([
      {
        external_id: "R1",
        partner: "P1",
        contact: "C1",
        partner_tier: "Gold",
        partner_type: "Reseller",
        partner_region: "EMEA",
        partner_country: "FR",
        contact_role: "Decision maker",
        language: "fr",
        submitted_at: "2025-03-02T10:00:00.000Z",
      },
      {
        external_id: "R2",
        partner: "P2",
        contact: "C2",
        partner_tier: "Silver",
        partner_type: "MSP",
        partner_region: null,
        partner_country: "US",
        contact_role: "Technical",
        language: "en",
        submitted_at: "2025-03-05T00:00:00.000Z",
      },
    ]);
  });

  it("keeps the snapshot of past responses when a partner's tier changes, and re-imports idempotently", async () => {
    await runImport("partners", PARTNERS);
    await runImport("contacts", CONTACTS);
    await runImport("responses", RESPONSES);
    await expectCommitted(runImport("partners", PARTNERS), { inserted: 0, updated: 0, unchanged: 2 });
    await expectCommitted(runImport("contacts", CONTACTS), { inserted: 0, updated: 0, unchanged: 2 });
    await expectCommitted(runImport("responses", RESPONSES), { inserted: 0, updated: 0, unchanged: 2 });
    // Only the mapped columns are compared and written: tier changes, the rest stays as imported.
    await expectCommitted(runImport("partners", "external_id,name,tier\nP1,Acme Integrations,Platinum\n"), {
      updated: 1,
    });
    await expectCommitted(runImport("responses", "external_id,contact_external_id,score\nR3,C1,10\n"), {
      inserted: 1,
    });
    const snapshots = await responseSnapshots();
    expect(snapshots.map((r) => [r.external_id, r.partner_tier, r.partner_region])).toEqual([
      ["R1", "Gold", "EMEA"],
      ["R2", "Silver", null],
      ["R3", "Platinum", "EMEA"],
    ]);
  });

  it("rejects rows that reference an unknown partner or contact", async () => {
    await runImport("partners", PARTNERS);
    const contacts = await runImport(
      "contacts",
      "external_id,partner_external_id,email\nC9,P404,x@example.com\n",
    );
    expect(contacts.errors).toEqual([
      { row: 2, column: null, reason: 'no partner with external id "P404": import partners first' },
    ]);
    const byName = await runImport(
      "responses",
      "external_id,partner,score\nR9,Nobody Ltd,8\nR10,acme integrations,9\n",
    );
    expect(byName.errors).toEqual([
      { row: 2, column: null, reason: 'no partner named "Nobody Ltd": import partners first' },
    ]);
    expect(byName).toMatchObject({ accepted: 1, rejected: 1, committed: false });
    const byContact = await runImport("responses", "external_id,contact_external_id,score\nR11,C404,8\n");
    expect(byContact.errors).toEqual([
      { row: 2, column: null, reason: 'no contact with external id "C404": import contacts first' },
    ]);
    const owner = await runImport("partners", "external_id,name,owner\nP3,Gamma,nobody@example.com\n");
    expect(owner.errors).toEqual([
      { row: 2, column: "owner", reason: 'no user "nobody@example.com" in this organization' },
    ]);
    const stored = await database.db
      .selectFrom("responses")
      .select("response_id")
      .where("organization_id", "=", organizationId)
      .execute();
    expect(stored).toEqual([]);
  });

  it("creates the --partner partner once and assigns every response to it", async () => {
    await expectCommitted(
      runImport("responses", "external_id,score\nX1,9\nX2,7\n", { partnerName: "Jardin Vert" }),
      {
        inserted: 2,
      },
    );
    await expectCommitted(
      runImport("responses", "external_id,score\nX3,9\n", { partnerName: "jardin vert" }),
      {
        inserted: 1,
      },
    );
    const partners = await database.db
      .selectFrom("partners")
      .select(["partner_id", "name"])
      .where("organization_id", "=", organizationId)
      .execute();
    expect(partners.map((p) => p.name)).toEqual(["Jardin Vert"]);
    const owners = await database.db
      .selectFrom("responses")
      .select("partner_id")
      .distinct()
      .where("organization_id", "=", organizationId)
      .execute();
    expect(owners).toEqual([{ partner_id: partners[0]!.partner_id }]);
  });

  it("refuses a responses file with no way to find a partner", async () => {
    const report = await runImport("responses", "external_id,score\nX1,9\n");
    expect(report.errors).toEqual([
      {
        row: 1,
        column: null,
        reason:
          "Responses must belong to a partner: map a partner, partner_external_id, contact_external_id or contact_email column, or pass --partner NAME",
      },
    ]);
  });

  describe("operational metrics", () => {
    const METRICS =
      "partner_external_id;metric;period;value\nP1;Support response hours;2025-01;12,5\nP2;support_response_hours;2025-01;8\n";

    it("imports operational metrics idempotently and updates a changed value", async () => {
      await runImport("partners", PARTNERS);
      await expectCommitted(runImport("metrics", METRICS), { inserted: 2 });
      await expectCommitted(runImport("metrics", METRICS), { inserted: 0, updated: 0, unchanged: 2 });
      await expectCommitted(runImport("metrics", METRICS.replace("12,5", "10")), {
        updated: 1,
        unchanged: 1,
      });
      const metrics = await database.db
        .selectFrom("operational_metrics")
        .innerJoin("partners", (join) =>
          join
            .onRef("partners.partner_id", "=", "operational_metrics.partner_id")
            .onRef("partners.organization_id", "=", "operational_metrics.organization_id"),
        )
        .select(["partners.external_id", "metric", "period", "value"])
        .where("operational_metrics.organization_id", "=", organizationId)
        .orderBy("partners.external_id")
        .execute();
      expect(metrics).toEqual([
        { external_id: "P1", metric: "support_response_hours", period: "2025-01", value: 10 },
        { external_id: "P2", metric: "support_response_hours", period: "2025-01", value: 8 },
      ]);
    });

    it("reports two rows naming the same partner differently as duplicates, not a database error", async () => {
      await runImport("partners", PARTNERS);
      const file =
        "partner_external_id,partner,metric,period,value\nP1,,nps_calls,2025-02,3\n,acme integrations,nps_calls,2025-02,4\n";
      const report = await runImport("metrics", file);
      expect(report.errors).toEqual([
        { row: 3, column: null, reason: "duplicate of row 2 (same partner, metric and period)" },
      ]);
      expect(report).toMatchObject({ committed: false, accepted: 1, rejected: 1 });
      const pinned = await runImport(
        "metrics",
        "partner,metric,period,value\nAcme Integrations,calls,2025-02,3\nBeta Services,calls,2025-02,4\n",
        {
          partnerName: "Acme Integrations",
          skipInvalid: true,
        },
      );
      expect(pinned.errors).toEqual([
        { row: 3, column: null, reason: "duplicate of row 2 (same partner, metric and period)" },
      ]);
      expect(pinned).toMatchObject({ committed: true, inserted: 1 });
    });
  });
});
