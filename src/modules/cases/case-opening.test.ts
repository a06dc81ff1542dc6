import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import { enqueueJob } from "../jobs/job.service.js";
import { type CaseFixture, createCaseFixture } from "./case.test-fixtures.js";
import { openCasesForResponse } from "./case-opening.service.js";

describeEachDialect("case opening through the response.received job", (dialect) => {
  let f: CaseFixture;
  beforeAll(async () => {
    f = await createCaseFixture(dialect);
  });
  afterAll(async () => f?.close());

  const cases = () =>
    f.test.database.db
      .selectFrom("follow_up_cases")
      .selectAll()
      .where("organization_id", "=", f.organizationId)
      .orderBy("created_at")
      .orderBy("case_id")
      .execute();
  const linked = async (caseId: string) =>
    (
      await f.test.database.db
        .selectFrom("case_responses")
        .select("response_id")
        .where("organization_id", "=", f.organizationId)
        .where("case_id", "=", caseId)
        .orderBy("response_id")
        .execute()
    ).map((r) => r.response_id);
  const jobsOf = (kind: string) =>
    f.test.database.db
      .selectFrom("jobs")
      .select(["payload", "dedupe_key", "status"])
      .where("organization_id", "=", f.organizationId)
      .where("kind", "=", kind)
      .orderBy("job_id")
      .execute();

  let acmeCase = "";
  let firstResponse = "";
  let orphanSecond = "";

  it("opens a case for a Friday 16:00 Paris detractor, owned by the partner's manager, due Tuesday 17:00 Paris", async () => {
    f.test.clock.set("2026-01-16T15:00:00.000Z");
    firstResponse = await f.answer("acme", 3, "Support never calls back");
    expect(await cases()).toEqual([]);
    await f.runJobs();
    const [opened, ...rest] = await cases();
    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      partner_id: f.partners.acme,
      owner_user_id: f.users.alice,
      rule: "detractor",
      rule_id: "detractor",
      priority: "high",
      status: "new",
      opened_category: "detractor",
      reason: "Score 3 (≤ 6)",
      created_at: "2026-01-16T15:00:00.000Z",
      due_at: "2026-01-20T16:00:00.000Z",
      first_contact_at: null,
    });
    acmeCase = opened!.case_id;
    expect(await linked(acmeCase)).toEqual([firstResponse]);
    const alerts = await jobsOf("case.opened");
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.payload)).toEqual({ organizationId: f.organizationId, caseId: acmeCase });
    expect(alerts[0]!.status).toBe("done");
  });

  it("a re-run of the job (same response) opens nothing new and queues no second alert", async () => {
    await enqueueJob(
      f.test.database.db,
      {
        organizationId: f.organizationId,
        kind: "response.received",
        payload: { responseId: firstResponse, invitationId: "", score: 3, previousScore: null },
      },
      f.test.clock,
    );
    await f.runJobs();
    expect(
      await openCasesForResponse(f.test.database.db, f.organizationId, firstResponse, f.test.clock),
    ).toEqual({
      opened: [],
      attached: [],
      recoveries: [],
    });
    expect((await cases()).map((c) => c.case_id)).toEqual([acmeCase]);
    expect(await linked(acmeCase)).toEqual([firstResponse]);
    expect(await jobsOf("case.opened")).toHaveLength(1);
  });

  it("attaches a second detractor of the same partner to its open case instead of opening another", async () => {
    f.test.clock.advance(3_600_000);
    const second = await f.answer("acme", 5);
    await f.runJobs();
    expect((await cases()).map((c) => c.case_id)).toEqual([acmeCase]);
    expect(await linked(acmeCase)).toEqual([firstResponse, second].sort());
    expect(await jobsOf("case.opened")).toHaveLength(1);
  });

  it("opens a passive-at-key-partner case for a 7 at a Platinum partner, and none for a 9", async () => {
    await f.answer("globex", 9);
    await f.runJobs();
    expect(await cases()).toHaveLength(1);
    await f.answer("globex", 7);
    await f.runJobs();
    const globex = (await cases()).filter((c) => c.partner_id === f.partners.globex);
    expect(globex.map((c) => [c.rule, c.owner_user_id, c.priority, c.opened_category])).toEqual([
      ["passive_at_key_partner", f.users.bob, "normal", "passive"],
    ]);
  });

  it("falls back to the first admin for a partner without a manager, or to the configured default owner", async () => {
    await f.answer("orphan", 2);
    await f.runJobs();
    const orphanCases = () => cases().then((all) => all.filter((c) => c.partner_id === f.partners.orphan));
    expect((await orphanCases()).map((c) => c.owner_user_id)).toEqual([f.users.admin]);
    expect((await f.api.patch("/api/v1/settings", { caseDefaultOwnerUserId: f.users.bob })).status).toBe(200);
    // Close the first so the next detractor opens a new case rather than joining it.
    const [first] = await orphanCases();
    expect(
      (await f.api.patch(`/api/v1/cases/${first!.case_id}`, { status: "closed_without_action" })).status,
    ).toBe(200);
    f.test.clock.advance(60_000);
    orphanSecond = await f.answer("orphan", 1);
    await f.runJobs();
    expect((await orphanCases()).map((c) => [c.status, c.owner_user_id])).toEqual([
      ["closed_without_action", f.users.admin],
      ["new", f.users.bob],
    ]);
  });

  it("records a recovery when a partner with a closed case answers again, and opens a new case for a new detractor", async () => {
    const note = await f.api.post(`/api/v1/cases/${acmeCase}/notes`, {
      kind: "contact",
      body: "Called them",
    });
    expect(note.status).toBe(201);
    expect((await f.api.patch(`/api/v1/cases/${acmeCase}`, { status: "resolved" })).status).toBe(200);
    f.test.clock.advance(86_400_000);
    const promoter = await f.answer("acme", 9);
    await f.runJobs();
    const recoveries = () =>
      f.test.database.db
        .selectFrom("case_recoveries")
        .selectAll()
        .where("organization_id", "=", f.organizationId)
        .orderBy("created_at")
        .execute()
        .then((rows) => rows.map((r) => [r.partner_id, r.response_id, r.previous_category, r.new_category]));
    // The orphan's second detractor (a minute after its first case was closed) was a non-recovery.
    expect(await recoveries()).toEqual([
      [f.partners.orphan, orphanSecond, "detractor", "detractor"],
      [f.partners.acme, promoter, "detractor", "promoter"],
    ]);
    const acmeRecovery = await f.test.database.db
      .selectFrom("case_recoveries")
      .select("case_id")
      .where("organization_id", "=", f.organizationId)
      .where("response_id", "=", promoter)
      .executeTakeFirstOrThrow();
    expect(acmeRecovery.case_id).toBe(acmeCase);
    // One recovery per closed case: a later answer changes nothing.
    await f.answer("acme", 4);
    await f.runJobs();
    const acme = (await cases()).filter((c) => c.partner_id === f.partners.acme);
    expect(acme.map((c) => c.status)).toEqual(["resolved", "new"]);
    expect(await recoveries()).toHaveLength(2);
  });

  it("opens no case when the rule is disabled", async () => {
    expect((await f.api.patch("/api/v1/case-rules/detractor", { enabled: false })).status).toBe(200);
    const before = (await cases()).length;
    await f.answer("globex", 0);
    await f.runJobs();
    expect(await cases()).toHaveLength(before);
  });
});
