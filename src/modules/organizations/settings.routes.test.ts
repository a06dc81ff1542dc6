import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Band, OrganizationSettings } from "../../core/settings.js";
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
} from "../../test-support/http.js";
import { createApiKey } from "../api-keys/api-key.service.js";
import { loadDemoOrganization } from "../demo/demo.service.js";

const SETTINGS = "/api/v1/settings";
const HEADLINE = "/api/v1/analytics/headline";

const band = (key: string, min: number, inclusive = true): Band => ({
  key,
  label: key[0]!.toUpperCase() + key.slice(1),
  min,
  inclusive,
  advice: `${key} advice`,
});

interface Headline {
  nps: { nps: number; method: string };
  band: Band | null;
  bands: Band[];
}

describeEachDialect("settings API: bands, validation and the admin scope", (dialect) => {
  let test: TestApp;
  let org: string;
  let admin: ApiClient;
  let writer: ApiClient;
  let programNps: number;

  beforeAll(async () => {
    test = await createTestApp(dialect);
    const demo = await loadDemoOrganization(test.database, {
      seed: 1,
      referenceDate: "2026-11-30T00:00:00Z",
    });
    org = demo.organization.organization_id;
    const key = async (scopes: ("read" | "write" | "admin")[]) =>
      (await createApiKey(test.database.db, { organizationId: org, name: scopes.join("+"), scopes })).key;
    admin = apiClient(test.app, await key(["admin"]));
    writer = apiClient(test.app, await key(["read", "write"]));
    const counted = await sql<{ n: unknown; p: unknown; d: unknown }>`select count(*) as n,
        sum(case when score >= 9 then 1 else 0 end) as p, sum(case when score <= 6 then 1 else 0 end) as d
      from responses where organization_id = ${org}`.execute(test.database.db);
    const row = counted.rows[0]!;
    programNps = (100 * (Number(row.p) - Number(row.d))) / Number(row.n);
  });
  afterAll(async () => test?.close());

  const storedSettings = async () => {
    const row = await test.database.db
      .selectFrom("organizations")
      .select("settings")
      .where("organization_id", "=", org)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.settings) as OrganizationSettings;
  };

  it("reads the organization's settings with a read key", async () => {
    const response = await writer.get<OrganizationSettings>(SETTINGS);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(await storedSettings());
    expect(response.body.bands.map((b) => b.key)).toEqual(["exceptional", "strong", "moderate", "low"]);
  });

  it("the demo headline (NPS ≈ 34.4) starts in the moderate band", async () => {
    const headline = await admin.get<Headline>(HEADLINE);
    expect(headline.body.nps.nps).toBeCloseTo(programNps, 9);
    expect(programNps).toBeGreaterThanOrEqual(30);
    expect(programNps).toBeLessThanOrEqual(50);
    expect(headline.body.band?.key).toBe("moderate");
  });

  it("PATCH bands replaces them, is stored and audited, and the headline band follows", async () => {
    const below = [band("healthy", Math.floor(programNps) - 1), band("weak", -100)];
    const patched = await admin.patch<OrganizationSettings>(SETTINGS, { bands: below });
    expect(patched.status).toBe(200);
    expect(patched.body.bands).toEqual(below);
    expect((await storedSettings()).bands).toEqual(below);
    expect(patched.body.intervalMethod).toBe("adjusted-wald");
    let headline = (await admin.get<Headline>(HEADLINE)).body;
    expect(headline.band?.key).toBe("healthy");
    expect(headline.bands).toEqual(below);

    // An exclusive lower bound exactly at a higher value moves the program down.
    const above = [band("healthy", Math.ceil(programNps), false), band("weak", -100)];
    await admin.patch(SETTINGS, { bands: above });
    headline = (await admin.get<Headline>(HEADLINE)).body;
    expect(headline.band?.key).toBe("weak");
    const audit = await auditActions(test.database.db, org, org);
    expect(audit.filter((a) => a.action === "settings.updated").map((a) => a.details)).toEqual([
      { fields: ["bands"] },
      { fields: ["bands"] },
    ]);
  });

  it("PATCH of other fields keeps the bands and changes what the analytics use", async () => {
    const before = await storedSettings();
    const patched = await admin.patch<OrganizationSettings>(SETTINGS, {
      intervalMethod: "wald",
      confidence: 0.9,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...before, intervalMethod: "wald", confidence: 0.9 });
    const headline = (await admin.get<Headline & { nps: { confidence: number } }>(HEADLINE)).body;
    expect(headline.nps).toMatchObject({ method: "wald", confidence: 0.9 });
    await admin.patch(SETTINGS, { intervalMethod: "adjusted-wald", confidence: 0.95 });
  });

  it.each([
    [{ confidence: 1.5 }, "confidence"],
    [{ confidence: 0 }, "confidence"],
    [{ bands: [] }, "bands"],
    [{ bands: [{ key: "x", label: "X", min: 150, inclusive: true, advice: "" }] }, "bands.0.min"],
    [{ intervalMethod: "median" }, "intervalMethod"],
    [{ smallSampleThreshold: 0 }, "smallSampleThreshold"],
    [{ roleWeights: { executive_sponsor: -1 } }, "roleWeights.executive_sponsor"],
  ])("PATCH %j is 400 naming %s and changes nothing", async (patch, field) => {
    const before = await storedSettings();
    const response = await admin.patch<ErrorBody>(SETTINGS, patch);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(issueFields(response.body)).toContain(field);
    expect(await storedSettings()).toEqual(before);
  });

  it("PATCH needs the admin scope: a write key is refused (403) and nothing changes", async () => {
    const before = await storedSettings();
    const response = await writer.patch<ErrorBody>(SETTINGS, { bands: [band("everyone", -100)] });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
    expect(response.body.error.message).toContain("admin");
    expect(await storedSettings()).toEqual(before);
  });

  it("another organization's admin changes only its own settings", async () => {
    const before = await storedSettings();
    const other = await createTenant(test.database.db, "Other Org", ["admin"]);
    const response = await apiClient(test.app, other.key).patch<OrganizationSettings>(SETTINGS, {
      bands: [band("everyone", -100)],
    });
    expect(response.status).toBe(200);
    expect(await storedSettings()).toEqual(before);
  });
});
