import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  type ApiClient,
  apiClient,
  auditActions,
  bearer,
  createTenant,
  createTestApp,
  type ErrorBody,
  issueFields,
  TEST_START,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";

const BENCHMARKS = "/api/v1/benchmarks";

interface BenchmarkView {
  benchmark_id: string;
  name: string;
  source: string;
  year: number | null;
  segment: string | null;
  statistic: string;
  value: number;
  created_at: string;
}

describeEachDialect("benchmarks API", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;
  let api: ApiClient;

  beforeEach(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Acme");
    api = apiClient(test.app, tenant.key);
  });
  afterEach(async () => test?.close());

  const remove = (id: string, key = tenant.key) =>
    test.app.inject({ method: "DELETE", url: `${BENCHMARKS}/${id}`, headers: bearer(key) });

  it("creates (201), lists by name without the organization id, and deletes once", async () => {
    const full = await api.post<BenchmarkView>(BENCHMARKS, {
      name: "  SaaS channel programs ",
      source: "Example Partner Survey 2025, p. 12",
      year: 2025,
      segment: "EMEA resellers",
      statistic: "median_nps",
      value: 31.5,
    });
    expect(full.status).toBe(201);
    expect(full.body).toEqual({
      benchmark_id: expect.any(String),
      name: "SaaS channel programs",
      source: "Example Partner Survey 2025, p. 12",
      year: 2025,
      segment: "EMEA resellers",
      statistic: "median_nps",
      value: 31.5,
      created_at: TEST_START,
    });
    const minimal = await api.post<BenchmarkView>(BENCHMARKS, {
      name: "B2B software",
      source: "https://example.com/nps",
      value: -5,
    });
    expect(minimal.body).toMatchObject({ year: null, segment: null, statistic: "nps", value: -5 });

    const list = await api.get<{ items: BenchmarkView[] }>(BENCHMARKS);
    expect(list.status).toBe(200);
    expect(list.body.items.map((b) => b.name)).toEqual(["B2B software", "SaaS channel programs"]);
    expect(list.body.items[1]).toEqual(full.body);
    expect(list.body.items.every((b) => !("organization_id" in b))).toBe(true);

    const deleted = await remove(minimal.body.benchmark_id);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ deleted: true });
    expect((await remove(minimal.body.benchmark_id)).statusCode).toBe(404);
    expect((await api.get<{ items: BenchmarkView[] }>(BENCHMARKS)).body.items.map((b) => b.name)).toEqual([
      "SaaS channel programs",
    ]);
    const audit = await auditActions(test.database.db, tenant.organizationId, minimal.body.benchmark_id);
    expect(audit.map((a) => a.action)).toEqual(["benchmark.created", "benchmark.deleted"]);
  });

  it.each([
    [{ name: "No source", value: 30 }, "source"],
    [{ name: "Blank source", source: "   ", value: 30 }, "source"],
    [{ source: "Survey", value: 30 }, "name"],
    [{ name: "Too high", source: "Survey", value: 150 }, "value"],
    [{ name: "No value", source: "Survey" }, "value"],
    [{ name: "Bad statistic", source: "Survey", value: 10, statistic: "mean" }, "statistic"],
    [{ name: "Bad year", source: "Survey", value: 10, year: 1850 }, "year"],
  ])("rejects %j (400, %s named) and stores nothing", async (input, field) => {
    const response = await api.post<ErrorBody>(BENCHMARKS, input);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(issueFields(response.body)).toContain(field);
    expect((await api.get<{ items: unknown[] }>(BENCHMARKS)).body.items).toEqual([]);
  });

  it("keeps organizations apart and needs the write scope to change anything", async () => {
    const created = await api.post<BenchmarkView>(BENCHMARKS, { name: "Ours", source: "Survey", value: 40 });
    const other = await createTenant(test.database.db, "Other", ["read", "write"]);
    const otherApi = apiClient(test.app, other.key);
    expect((await otherApi.get<{ items: unknown[] }>(BENCHMARKS)).body.items).toEqual([]);
    expect((await remove(created.body.benchmark_id, other.key)).statusCode).toBe(404);

    const reader = await createTenant(test.database.db, "Reader", ["read"]);
    const denied = await apiClient(test.app, reader.key).post<ErrorBody>(BENCHMARKS, {
      name: "x",
      source: "y",
      value: 1,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
    expect((await apiClient(test.app, null).get(BENCHMARKS)).status).toBe(401);
  });
});
