import { afterAll, beforeAll, expect, it } from "vitest";
import type { Executor } from "../../db/database.js";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  createTenant,
  createTestApp,
  type ErrorBody,
  issueFields,
  type TestApp,
} from "../../test-support/http.js";
import { createApiKey } from "../api-keys/api-key.service.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import { runCoverage } from "./coverage.service.js";
import { runDistribution } from "./distribution.service.js";
import { runHeadline } from "./headline.service.js";
import { runPartnerScores } from "./partner-scores.service.js";
import { runNpsReport } from "./report.service.js";
import { runSegmentComparison } from "./segments.service.js";
import { runTrend } from "./trend.service.js";

type Service = (db: Executor, organizationId: string, query: Record<string, unknown>) => Promise<unknown>;

const QUERY = "?group_by=tier,quarter&region=EMEA&from=2025-01-01";
const filtered = { filters: { region: ["EMEA"] }, from: "2025-01-01" };

/** Each endpoint with a URL and the service call it must equal, the query object written out by hand. */
const cases: [string, string, Service, Record<string, unknown>][] = [
  ["nps", QUERY, runNpsReport, { ...filtered, groupBy: ["tier", "quarter"] }],
  ["headline", QUERY, runHeadline, filtered],
  ["trend", QUERY, runTrend, filtered],
  ["segments", QUERY, runSegmentComparison, filtered],
  ["distribution", QUERY, runDistribution, filtered],
  ["partners", QUERY, runPartnerScores, filtered],
  ["coverage", QUERY, runCoverage, { region: ["EMEA"], from: "2025-01-01" }],
  [
    "nps",
    "?group_by=region&weighting=revenue&method=wald&confidence=0.9&tier=gold&tier=platinum",
    runNpsReport,
    {
      groupBy: ["region"],
      weighting: "revenue",
      method: "wald",
      confidence: 0.9,
      filters: { tier: ["gold", "platinum"] },
    },
  ],
  [
    "trend",
    "?period=month&series=tier&from=2026-01-01",
    runTrend,
    { period: "month", series: "tier", from: "2026-01-01" },
  ],
  [
    "segments",
    "?dimension=region&period=quarter&tier=gold",
    runSegmentComparison,
    { dimension: "region", period: "quarter", filters: { tier: ["gold"] } },
  ],
  [
    "partners",
    "?sort=name&order=desc&limit=5&offset=3&small_sample=10",
    runPartnerScores,
    { sort: "name", order: "desc", limit: 5, offset: 3, smallSampleThreshold: 10 },
  ],
  [
    "coverage",
    "?wave=demo-w-2026-q3,demo-w-2026-q4&strategic_tiers=gold",
    runCoverage,
    { wave: ["demo-w-2026-q3", "demo-w-2026-q4"], strategic_tiers: ["gold"] },
  ],
];

describeEachDialect(
  "analytics API returns what the services return, and only to its organization",
  (dialect) => {
    let test: TestApp;
    let org: string;
    let api: ApiClient;
    let stranger: ApiClient;

    beforeAll(async () => {
      test = await createTestApp(dialect);
      const demo = await loadDemoOrganization(test.database, {
        seed: 1,
        referenceDate: "2026-11-30T00:00:00Z",
      });
      org = demo.organization.organization_id;
      const { key } = await createApiKey(test.database.db, {
        organizationId: org,
        name: "reader",
        scopes: ["read"],
      });
      api = apiClient(test.app, key);
      stranger = apiClient(test.app, (await createTenant(test.database.db, "Other Org", ["read"])).key);
    });
    afterAll(async () => test?.close());

    for (const [name, query, service, equivalent] of cases) {
      it(`GET /api/v1/analytics/${name}${query} equals the service's answer`, async () => {
        const response = await api.get<Record<string, unknown>>(`/api/v1/analytics/${name}${query}`);
        expect(response.status).toBe(200);
        const direct = await service(test.database.db, org, equivalent);
        expect(response.body).toEqual(JSON.parse(JSON.stringify(direct)));
      });
    }

    it("the demo's EMEA figures are not empty (the comparisons above are not vacuous)", async () => {
      const nps = await api.get<{ overall: { n: number }; groups: unknown[] }>(
        `/api/v1/analytics/nps${QUERY}`,
      );
      expect(nps.body.overall.n).toBeGreaterThan(1000);
      expect(nps.body.groups.length).toBeGreaterThan(20);
    });

    it("another organization's key sees none of this organization's data", async () => {
      const get = async <T>(name: string) => {
        const response = await stranger.get<T>(`/api/v1/analytics/${name}${QUERY}`);
        expect(response.status).toBe(200);
        return response.body;
      };
      const nps = await get<{ overall: { n: number; nps: number | null }; groups: unknown[] }>("nps");
      expect(nps.overall).toMatchObject({ n: 0, nps: null });
      expect(nps.groups).toEqual([]);
      const headline = await get<{ nps: { n: number }; band: unknown; silent_strategic_partners: number }>(
        "headline",
      );
      expect(headline).toMatchObject({ nps: { n: 0 }, band: null, silent_strategic_partners: 0 });
      expect(await get("trend")).toMatchObject({ overall: { n: 0 }, lines: [] });
      expect(await get("segments")).toMatchObject({ overall: { n: 0 }, segments: [], cells: [] });
      expect(await get("distribution")).toMatchObject({
        n: 0,
        groups: { promoters: 0, passives: 0, detractors: 0 },
      });
      expect(await get("partners")).toMatchObject({ items: [], total: 0 });
      expect(await get("coverage")).toMatchObject({
        overall: { invited: 0, responded: 0, partners_invited: 0 },
        waves: [],
        silent_strategic_partners: [],
      });
      // Asking for this organization's partner by id changes nothing.
      const byPartner = await stranger.get<{ total: number }>(
        "/api/v1/analytics/partners?partner=demo-p-0001",
      );
      expect(byPartner.body.total).toBe(0);
    });

    it("rejects a request without a key (401), unknown groupings and impossible dates (400, field named)", async () => {
      expect((await apiClient(test.app, null).get("/api/v1/analytics/nps")).status).toBe(401);
      const bad = await api.get<ErrorBody>("/api/v1/analytics/nps?group_by=colour");
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("validation_failed");
      expect(issueFields(bad.body).some((field) => field.startsWith("groupBy"))).toBe(true);
      for (const url of [
        "nps?to=2026-13-15",
        "trend?to=2026-02-30",
        "coverage?to=2026-13-15",
        "headline?from=2026-00-10",
      ]) {
        const impossible = await api.get<ErrorBody>(`/api/v1/analytics/${url}`);
        expect(impossible.status).toBe(400);
        expect(issueFields(impossible.body).some((field) => field === "to" || field === "from")).toBe(true);
      }
      const weighted = await api.get<ErrorBody>("/api/v1/analytics/segments?weighting=revenue");
      expect(weighted.status).toBe(400);
      expect(issueFields(weighted.body)).toContain("weighting");
    });
  },
);
