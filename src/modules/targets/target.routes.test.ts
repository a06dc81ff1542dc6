import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
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
  type TestApp,
} from "../../test-support/http.js";
import { createApiKey } from "../api-keys/api-key.service.js";
import { loadDemoOrganization } from "../demo/demo.service.js";

interface TargetView {
  target_id: string;
  name: string;
  segment: Record<string, string[]>;
  start_value: number;
  target_value: number;
  start_date: string;
  due_date: string;
  current: { n: number; nps: number | null; promoters: number; detractors: number };
  progress: number | null;
  elapsed: number;
  expected: number;
  status: string;
}

const TODAY = "2026-11-30";

describeEachDialect("targets API: current NPS over the target's segment since its start date", (dialect) => {
  let test: TestApp;
  let org: string;
  let api: ApiClient;
  let reader: ApiClient;

  beforeAll(async () => {
    test = await createTestApp(dialect);
    const demo = await loadDemoOrganization(test.database, {
      seed: 1,
      referenceDate: "2026-11-30T00:00:00Z",
    });
    org = demo.organization.organization_id;
    // The demo brings its own goals; this suite lists only the targets it creates itself.
    const demoTargets = await test.database.db
      .deleteFrom("targets")
      .where("organization_id", "=", org)
      .returning("name")
      .execute();
    expect(demoTargets.map((t) => t.name).sort()).toEqual([
      "Gold partners back above 40",
      "Program NPS from 35 to 45 within a year",
    ]);
    test.clock.set(`${TODAY}T15:00:00.000Z`);
    const key = async (scopes: ("read" | "write")[]) =>
      (await createApiKey(test.database.db, { organizationId: org, name: scopes.join("+"), scopes })).key;
    api = apiClient(test.app, await key(["read", "write"]));
    reader = apiClient(test.app, await key(["read"]));
  });
  afterAll(async () => test?.close());

  /** Promoters, detractors and n counted in the raw table for a segment and inclusive day range. */
  async function rawScore(from: string, to: string, region?: string, tier?: string) {
    const result = await sql<{ n: unknown; promoters: unknown; detractors: unknown }>`select count(*) as n,
        coalesce(sum(case when score >= 9 then 1 else 0 end), 0) as promoters,
        coalesce(sum(case when score <= 6 then 1 else 0 end), 0) as detractors
      from responses where organization_id = ${org}
        and substr(submitted_at, 1, 10) >= ${from} and substr(submitted_at, 1, 10) <= ${to}
        ${region ? sql`and partner_region = ${region}` : sql``} ${tier ? sql`and partner_tier = ${tier}` : sql``}`.execute(
      test.database.db,
    );
    const row = result.rows[0]!;
    const [n, p, d] = [Number(row.n), Number(row.promoters), Number(row.detractors)];
    return { n, promoters: p, detractors: d, nps: n ? (100 * (p - d)) / n : null };
  }

  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

  it("an open segment target scores the segment from its start date to today", async () => {
    const input = {
      name: "EMEA gold recovery",
      segment: { region: ["EMEA"], tier: ["gold"] },
      start_value: -10,
      target_value: 30,
      start_date: "2026-07-01",
      due_date: "2027-06-30",
    };
    const created = await api.post<TargetView>("/api/v1/targets", input);
    expect(created.status).toBe(201);
    const raw = await rawScore("2026-07-01", TODAY, "EMEA", "gold");
    expect(raw.n).toBeGreaterThan(50);
    expect(created.body).toMatchObject({ ...input, current: { n: raw.n, promoters: raw.promoters } });
    expect(created.body.current.nps!).toBeCloseTo(raw.nps!, 9);
    expect(created.body.progress!).toBeCloseTo((raw.nps! + 10) / 40, 9);
    expect(created.body.elapsed).toBeCloseTo(
      days("2026-07-01", TODAY) / days("2026-07-01", "2027-06-30"),
      12,
    );
    // The planted decline leaves EMEA gold far below where a straight line from −10 to 30 would be.
    expect(created.body.status).toBe("behind");
    expect((await auditActions(test.database.db, org, created.body.target_id)).map((a) => a.action)).toEqual([
      "target.created",
    ]);
  });

  it("a past program target starting mid-month counts only its own window and is missed or achieved", async () => {
    const created = await api.post<TargetView>("/api/v1/targets", {
      name: "Program summer push",
      start_value: 25,
      target_value: 45,
      start_date: "2026-06-15",
      due_date: "2026-09-30",
    });
    expect(created.status).toBe(201);
    const raw = await rawScore("2026-06-15", "2026-09-30");
    expect(created.body.current.n).toBe(raw.n);
    expect(created.body.current.nps!).toBeCloseTo(raw.nps!, 9);
    expect(created.body.elapsed).toBe(1);
    expect(created.body.status).toBe(raw.nps! >= 45 ? "achieved" : "missed");
  });

  it("a target that has not started has no data", async () => {
    const created = await api.post<TargetView>("/api/v1/targets", {
      name: "Next year",
      segment: { tier: ["platinum"] },
      start_value: 50,
      target_value: 60,
      start_date: "2027-01-01",
      due_date: "2027-12-31",
    });
    expect(created.body).toMatchObject({ current: { n: 0, nps: null }, progress: null, status: "no_data" });
  });

  it("lists targets by due date with fresh progress; a read key may list but not create", async () => {
    const list = await reader.get<{ items: TargetView[] }>("/api/v1/targets");
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.name)).toEqual([
      "Program summer push",
      "EMEA gold recovery",
      "Next year",
    ]);
    const emea = list.body.items[1]!;
    expect(emea.current.nps!).toBeCloseTo((await rawScore("2026-07-01", TODAY, "EMEA", "gold")).nps!, 9);
    const denied = await reader.post<ErrorBody>("/api/v1/targets", { name: "x" });
    expect(denied.status).toBe(403);
  });

  it("rejects invalid targets with the field named", async () => {
    const bad = await api.post<ErrorBody>("/api/v1/targets", {
      name: "Backwards",
      start_value: 25,
      target_value: 45,
      start_date: "2026-06-30",
      due_date: "2026-01-01",
    });
    expect(bad.status).toBe(400);
    expect(issueFields(bad.body)).toContain("due_date");
    const same = await api.post<ErrorBody>("/api/v1/targets", {
      name: "Flat",
      start_value: 30,
      target_value: 30,
      start_date: "2026-01-01",
      due_date: "2026-06-30",
    });
    expect(issueFields(same.body)).toContain("target_value");
  });

  it("deletes a target once; other organizations can neither see nor delete it", async () => {
    const [target] = (await api.get<{ items: TargetView[] }>("/api/v1/targets")).body.items;
    const stranger = await createTenant(test.database.db, "Stranger Org");
    const strangerApi = apiClient(test.app, stranger.key);
    expect((await strangerApi.get<{ items: unknown[] }>("/api/v1/targets")).body.items).toEqual([]);
    const remove = (key: string) =>
      test.app.inject({
        method: "DELETE",
        url: `/api/v1/targets/${target!.target_id}`,
        headers: bearer(key),
      });
    expect((await remove(stranger.key)).statusCode).toBe(404);
    const { key } = await createApiKey(test.database.db, {
      organizationId: org,
      name: "deleter",
      scopes: ["write"],
    });
    const deleted = await remove(key);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ deleted: true });
    expect((await remove(key)).statusCode).toBe(404);
  });
});
