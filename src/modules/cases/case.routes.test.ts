import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ForbiddenError, NotFoundError } from "../../core/errors.js";
import type { AppContext } from "../../http/context.js";
import { describeEachDialect } from "../../test-support/databases.js";
import { apiClient, type ErrorBody } from "../../test-support/http.js";
import { createApiKey } from "../api-keys/api-key.service.js";
import { userPrincipal } from "../auth/permissions.js";
import type { CaseView } from "./case.js";
import { addCaseNote, changeCase, getCase, listCases } from "./case.service.js";
import { type CaseFixture, createCaseFixture } from "./case.test-fixtures.js";
import { caseMetrics } from "./case-metrics.service.js";
import { caseWorkContext } from "./case-permissions.js";

type CaseList = { items: CaseView[]; total: number };
type CaseDetail = CaseView & {
  responses: { score: number; comment: string | null }[];
  timeline: { kind: string; text: string }[];
};

describeEachDialect("cases API: list, lifecycle, metrics, scoping", (dialect) => {
  let f: CaseFixture;
  const ids = { acme: "", globex: "", orphan: "" };
  beforeAll(async () => {
    f = await createCaseFixture(dialect);
    f.test.clock.set("2026-01-16T15:00:00.000Z");
    await f.answer("acme", 3, "Support never calls back");
    await f.answer("globex", 7);
    await f.answer("orphan", 1);
    await f.runJobs();
    const list = await f.api.get<CaseList>("/api/v1/cases");
    for (const item of list.body.items) {
      const key = (Object.keys(f.partners) as (keyof typeof f.partners)[]).find(
        (k) => f.partners[k] === item.partnerId,
      )!;
      ids[key] = item.id;
    }
  });
  afterAll(async () => f?.close());

  it("lists cases with partner and owner names, due date, overdue flag and response ids; filters", async () => {
    const list = await f.api.get<CaseList>("/api/v1/cases");
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    const acme = list.body.items.find((c) => c.id === ids.acme)!;
    expect(acme).toMatchObject({
      partnerName: "Acme",
      ownerName: "Alice Manager",
      status: "new",
      dueAt: "2026-01-20T16:00:00.000Z",
      overdue: false,
      rule: "detractor",
    });
    expect(acme.responseIds).toHaveLength(1);
    const byRule = await f.api.get<CaseList>("/api/v1/cases?rule=passive_at_key_partner");
    expect(byRule.body.items.map((c) => c.id)).toEqual([ids.globex]);
    const byPartner = await f.api.get<CaseList>(`/api/v1/cases?partner=${f.partners.orphan}`);
    expect(byPartner.body.items.map((c) => c.ownerName)).toEqual(["Ada Admin"]);
    const bad = await f.api.get<ErrorBody>("/api/v1/cases?status=lost");
    expect(bad.status).toBe(400);
    const detail = await f.api.get<CaseDetail>(`/api/v1/cases/${ids.acme}`);
    expect(detail.body.responses.map((r) => [r.score, r.comment])).toEqual([[3, "Support never calls back"]]);
    expect(detail.body.timeline.map((t) => t.kind)).toEqual(["response", "opened"]);
  });

  it("moves the metrics: SLA share, median hours to first contact, open, overdue, recovery", async () => {
    f.test.clock.set("2026-01-16T17:00:00.000Z");
    expect(
      (await f.api.post(`/api/v1/cases/${ids.acme}/notes`, { kind: "contact", body: "Called" })).status,
    ).toBe(201);
    f.test.clock.set("2026-01-21T15:00:00.000Z");
    expect(
      (await f.api.post(`/api/v1/cases/${ids.globex}/notes`, { kind: "contact", body: "Late" })).status,
    ).toBe(201);
    const overdue = await f.api.get<CaseList>("/api/v1/cases?overdue=true");
    expect(overdue.body.items.map((c) => [c.id, c.overdue])).toEqual([[ids.orphan, true]]);
    expect((await f.api.patch(`/api/v1/cases/${ids.acme}`, { status: "resolved" })).status).toBe(200);
    f.test.clock.advance(3_600_000);
    await f.answer("acme", 8);
    await f.runJobs();
    const metrics = await f.api.get<Record<string, unknown>>("/api/v1/cases/metrics");
    expect(metrics.body).toMatchObject({
      contactedWithinSlaShare: 1 / 3,
      medianHoursToFirstContact: 61,
      open: 2,
      overdue: 1,
      recoveryRate: 1,
      recovered: 1,
      recoveryEligible: 1,
    });
    const later = await f.api.get<Record<string, unknown>>(
      "/api/v1/cases/metrics?from=2026-01-17&to=2026-01-31",
    );
    expect(later.body).toMatchObject({
      contactedWithinSlaShare: null,
      open: 0,
      overdue: 0,
      recoveryEligible: 1,
    });
    const alice = {
      db: f.test.database.db,
      organizationId: f.organizationId,
      actor: "user:u_alice",
      clock: f.test.clock,
      ownerUserId: f.users.alice,
    };
    expect(await caseMetrics(alice, {})).toMatchObject({
      contactedWithinSlaShare: 1,
      medianHoursToFirstContact: 2,
      open: 0,
      overdue: 0,
      recoveryRate: 1,
    });
  });

  it("enforces the lifecycle: invalid moves are 409, unknown statuses 400, contacted sets first contact once", async () => {
    const path = `/api/v1/cases/${ids.orphan}`;
    const skip = await f.api.patch<ErrorBody & { error: { details: { allowed: string[] } } }>(path, {
      status: "resolved",
    });
    expect(skip.status).toBe(409);
    expect(skip.body.error.details.allowed).toEqual(["in_progress", "contacted", "closed_without_action"]);
    expect((await f.api.patch(path, { status: "escalated" })).status).toBe(400);
    expect((await f.api.patch<CaseDetail>(path, { status: "in_progress" })).body.status).toBe("in_progress");
    expect((await f.api.patch(path, { status: "new" })).status).toBe(409);
    f.test.clock.advance(60_000);
    const contacted = await f.api.patch<CaseDetail>(path, {
      status: "contacted",
      actionTaken: "Escalated to support",
    });
    expect(contacted.body).toMatchObject({
      status: "contacted",
      firstContactAt: f.test.clock.now().toISOString(),
      actionTaken: "Escalated to support",
    });
    expect(contacted.body.timeline.filter((t) => t.kind === "status").map((t) => t.text)).toEqual([
      "new → in_progress",
      "in_progress → contacted",
    ]);
    const unknownCause = await f.api.patch<ErrorBody>(path, {
      rootCauses: ["technical_support", "astrology"],
    });
    expect(unknownCause.status).toBe(400);
    const tagged = await f.api.patch<CaseDetail>(path, {
      rootCauses: ["technical_support"],
      status: "resolved",
    });
    expect(tagged.body).toMatchObject({ status: "resolved", rootCauses: ["technical_support"] });
    expect((await f.api.patch(path, { status: "closed_without_action" })).status).toBe(409);
  });

  it("limits a partner manager to their partners' cases and viewers to reading", async () => {
    const alice = {
      db: f.test.database.db,
      organizationId: f.organizationId,
      actor: "user:u_alice",
      clock: f.test.clock,
      ownerUserId: f.users.alice,
    };
    const mine = await listCases(alice, {});
    expect(mine.items.map((c) => c.partnerName)).toEqual(["Acme"]);
    await expect(getCase(alice, ids.globex)).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeCase(alice, ids.globex, { status: "resolved" })).rejects.toBeInstanceOf(NotFoundError);
    const { key } = await createApiKey(f.test.database.db, {
      organizationId: f.organizationId,
      name: "viewer",
      scopes: ["read"],
    });
    const viewer = apiClient(f.test.app, key);
    expect((await viewer.get(`/api/v1/cases/${ids.globex}`)).status).toBe(200);
    expect((await viewer.patch(`/api/v1/cases/${ids.globex}`, { status: "resolved" })).status).toBe(403);
    expect((await viewer.post(`/api/v1/cases/${ids.globex}/notes`, { kind: "note", body: "x" })).status).toBe(
      403,
    );
    expect((await viewer.post("/api/v1/root-causes", { name: "Anything" })).status).toBe(403);
    // Signed-in roles: a partner manager (read-only elsewhere) may work cases, scoped to their partners.
    const appContext = { database: f.test.database, clock: f.test.clock } as unknown as AppContext;
    const as = (role: "partner_manager" | "viewer") =>
      ({
        principal: userPrincipal({ organizationId: f.organizationId, userId: f.users.alice, role }),
      }) as FastifyRequest;
    const manager = caseWorkContext(appContext, as("partner_manager"));
    expect(manager.ownerUserId).toBe(f.users.alice);
    const noted = await addCaseNote(manager, ids.acme, { kind: "note", body: "Visited" });
    expect(noted.case.notes.at(-1)).toMatchObject({
      body: "Visited",
      userId: f.users.alice,
      userName: "Alice Manager",
    });
    expect(() => caseWorkContext(appContext, as("viewer"))).toThrow(ForbiddenError);
  });

  it("manages rules (admin only) and the root-cause taxonomy", async () => {
    const rules = await f.api.get<{ items: { ruleId: string }[] }>("/api/v1/case-rules");
    expect(rules.body.items.map((r) => r.ruleId).sort()).toEqual([
      "detractor",
      "partner_nps_drop",
      "passive_at_key_partner",
    ]);
    const bad = await f.api.post<ErrorBody>("/api/v1/case-rules", {
      kind: "partner_nps_drop",
      params: { points: -5 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.issues?.map((i) => i.field)).toEqual(["params.points"]);
    expect((await f.api.post("/api/v1/case-rules", { kind: "horoscope" })).status).toBe(400);
    const created = await f.api.post<{ ruleId: string; params: object; priority: string }>(
      "/api/v1/case-rules",
      {
        kind: "detractor",
        params: { maxScore: 4 },
        priority: "low",
        slaBusinessDays: 5,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ params: { maxScore: 4 }, priority: "low" });
    const { key } = await createApiKey(f.test.database.db, {
      organizationId: f.organizationId,
      name: "analyst",
      scopes: ["read", "write"],
    });
    expect((await apiClient(f.test.app, key).post("/api/v1/case-rules", { kind: "detractor" })).status).toBe(
      403,
    );

    const causes = await f.api.get<{ items: { id: string; name: string }[] }>("/api/v1/root-causes");
    expect(causes.body.items).toHaveLength(10);
    expect((await f.api.post("/api/v1/root-causes", { name: "Pricing" })).status).toBe(409);
    const onboarding = await f.api.post<{ id: string }>("/api/v1/root-causes", { name: "Onboarding" });
    expect(onboarding.status).toBe(201);
    const archived = await f.api.patch<{ archived: boolean }>(`/api/v1/root-causes/${onboarding.body.id}`, {
      archived: true,
    });
    expect(archived.body.archived).toBe(true);
    expect(
      (await f.api.patch(`/api/v1/cases/${ids.globex}`, { rootCauses: [onboarding.body.id] })).status,
    ).toBe(400);
  });

  it("initiatives: done queues initiative.done once and lands on each linked partner's timeline", async () => {
    expect((await f.api.post("/api/v1/initiatives", { title: "X", themeIds: ["nope"] })).status).toBe(400);
    const created = await f.api.post<{ id: string; status: string }>("/api/v1/initiatives", {
      title: "Call back within a day",
      caseIds: [ids.acme, ids.globex],
    });
    expect(created.body.status).toBe("planned");
    const jobs = () =>
      f.test.database.db
        .selectFrom("jobs")
        .select("payload")
        .where("organization_id", "=", f.organizationId)
        .where("kind", "=", "initiative.done")
        .execute();
    expect(await jobs()).toEqual([]);
    const done = await f.api.patch<{ status: string; doneAt: string }>(
      `/api/v1/initiatives/${created.body.id}`,
      { status: "done" },
    );
    expect(done.body).toMatchObject({ status: "done", doneAt: f.test.clock.now().toISOString() });
    await f.api.patch(`/api/v1/initiatives/${created.body.id}`, { status: "done", description: "Shipped" });
    expect((await jobs()).map((j) => JSON.parse(j.payload))).toEqual([
      { organizationId: f.organizationId, initiativeId: created.body.id },
    ]);
    const timeline = await f.api.get<{ items: { kind: string; title: string }[] }>(
      `/api/v1/partners/${f.partners.acme}/timeline`,
    );
    expect(timeline.body.items.map((t) => t.kind)).toEqual([
      "initiative.done",
      "case.resolved",
      "case.opened",
    ]);
    expect(timeline.body.items[0]!.title).toBe("You said, we did: Call back within a day");
    const orphan = await f.api.get<{ items: { kind: string }[] }>(
      `/api/v1/partners/${f.partners.orphan}/timeline`,
    );
    expect(orphan.body.items.map((t) => t.kind)).toEqual(["case.resolved", "case.opened"]);
    expect((await f.api.get("/api/v1/initiatives")).body).toMatchObject({ items: [{ id: created.body.id }] });
  });
});
