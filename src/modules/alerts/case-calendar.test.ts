import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { JobRunner } from "../jobs/job.runner.js";
import { createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { registerWaveScheduler, scheduleNextTick } from "../waves/wave-scheduler.js";
import { registerAlertJobs } from "./alert.jobs.js";
import { listDeliveries } from "./alert-delivery.repository.js";
import { type AlertOrg, insertCase, insertResponse, seedAlertOrg } from "./alerts.test-fixtures.js";
import { reminderBusinessDays, runCaseCalendar } from "./case-calendar.js";

describeEachDialect("case reminders and escalation across a weekend", (dialect) => {
  let database: TestDatabase;
  let smtp: CaptureSmtpServer;
  let mailer: Mailer;
  let runner: JobRunner;
  const clock = new ManualClock("2026-01-15T09:00:00.000Z"); // a Thursday
  let org: AlertOrg;
  let caseA: string;
  let caseB: string;
  let caseC: string;

  const subjects = async (address: string) =>
    Promise.all(smtp.to(address).map(async (message) => (await smtp.parse(message)).subject));

  /** Moves the clock, runs one calendar pass, then sends what it queued. */
  const tickAt = async (iso: string) => {
    clock.set(iso);
    const summary = await runCaseCalendar(database, clock);
    await runner.runDueJobs();
    return summary;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    mailer = createSmtpMailer(smtp.url);
    runner = new JobRunner(database.db, { clock });
    registerAlertJobs(runner, { database, clock }, { mailer, publicUrl: "https://nps.example.com" });
    registerWaveScheduler(runner, database, clock);
    org = await seedAlertOrg(database.db, clock);
    const response = await insertResponse(database.db, org, {
      contactId: org.contactIds[0]!,
      score: 2,
      comment: "Late payments.",
      submittedAt: "2026-01-15T09:00:00.000Z",
    });
    // Opened Thursday with a 2-business-day SLA: due Monday 17:00.
    caseA = await insertCase(database.db, org, {
      createdAt: "2026-01-15T09:00:00.000Z",
      dueAt: "2026-01-19T17:00:00.000Z",
      responseIds: [response],
    });
    // Same dates but already contacted: no reminder, no escalation.
    caseC = await insertCase(database.db, org, {
      createdAt: "2026-01-15T09:00:00.000Z",
      dueAt: "2026-01-19T17:00:00.000Z",
      responseIds: [],
    });
    await database.db
      .updateTable("follow_up_cases")
      .set({ first_contact_at: "2026-01-15T10:00:00.000Z", status: "contacted" })
      .where("organization_id", "=", org.organizationId)
      .where("case_id", "=", caseC)
      .execute();
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.stop();
    await database?.destroy();
  });

  it("reads the reminder lead time from the settings, 1 business day by default", () => {
    expect(reminderBusinessDays("{}")).toBe(1);
    expect(reminderBusinessDays('{"caseReminderBusinessDays":3}')).toBe(3);
    expect(reminderBusinessDays('{"caseReminderBusinessDays":-1}')).toBe(1);
  });

  it("reminds one business day before due, never on a weekend, and escalates overdue cases once", async () => {
    expect(await tickAt("2026-01-15T12:00:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    // Friday: case A (due Monday) is within one business day.
    expect(await tickAt("2026-01-16T09:00:00.000Z")).toEqual({ reminders: 1, escalations: 0 });
    expect(await tickAt("2026-01-16T09:01:00.000Z")).toEqual({ reminders: 0, escalations: 0 });

    // Case B opens Friday 16:00, owned by Leo (who has no lead): due Tuesday 17:00.
    caseB = await insertCase(database.db, org, {
      createdAt: "2026-01-16T16:00:00.000Z",
      dueAt: "2026-01-20T17:00:00.000Z",
      responseIds: [],
      ownerUserId: org.leadId,
    });
    expect(await tickAt("2026-01-16T16:30:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    // Saturday and Sunday: B is within one business day of its due date, but nobody is reminded at the weekend.
    expect(await tickAt("2026-01-17T10:00:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    expect(await tickAt("2026-01-18T22:00:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    expect(await tickAt("2026-01-19T08:00:00.000Z")).toEqual({ reminders: 1, escalations: 0 });
    expect(await tickAt("2026-01-19T16:59:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    // Monday 17:01: A is overdue and uncontacted; escalated to Olivia's lead, Leo.
    expect(await tickAt("2026-01-19T17:01:00.000Z")).toEqual({ reminders: 0, escalations: 1 });
    expect(await tickAt("2026-01-19T17:02:00.000Z")).toEqual({ reminders: 0, escalations: 0 });
    // Tuesday 17:30: B is overdue; Leo has no lead, so the admins hear of it.
    expect(await tickAt("2026-01-20T17:30:00.000Z")).toEqual({ reminders: 0, escalations: 1 });
    expect(await tickAt("2026-01-21T09:00:00.000Z")).toEqual({ reminders: 0, escalations: 0 });

    const escalated = await database.db
      .selectFrom("follow_up_cases")
      .select(["case_id", "escalated_at"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("case_id")
      .execute();
    expect(Object.fromEntries(escalated.map((row) => [row.case_id, row.escalated_at]))).toEqual({
      [caseA]: "2026-01-19T17:01:00.000Z",
      [caseB]: "2026-01-20T17:30:00.000Z",
      [caseC]: null,
    });

    expect(await subjects("olivia@contoso.example")).toEqual([
      "Reminder: the case for Fabrikam & Sons is due Mon, 19 Jan 2026, 17:00 (UTC)",
    ]);
    expect(await subjects("leo@contoso.example")).toEqual([
      "Reminder: the case for Fabrikam & Sons is due Tue, 20 Jan 2026, 17:00 (UTC)",
      "Overdue case escalated: Fabrikam & Sons (due Mon, 19 Jan 2026, 17:00 (UTC))",
    ]);
    expect(await subjects("ada@contoso.example")).toEqual([
      "Overdue case escalated: Fabrikam & Sons (due Tue, 20 Jan 2026, 17:00 (UTC))",
    ]);
    expect(await listDeliveries(database.db, org.organizationId, { caseId: caseC })).toEqual([]);
    const all = await listDeliveries(database.db, org.organizationId);
    expect(all.map((d) => d.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
  });

  it("runs every minute as its own job queued by the scheduler tick", async () => {
    clock.set("2026-01-21T10:00:30.000Z");
    await scheduleNextTick(database, clock);
    clock.set("2026-01-21T10:01:00.000Z");
    await runner.runDueJobs();
    const jobs = await database.db
      .selectFrom("jobs")
      .select(["kind", "status", "result"])
      .where("kind", "=", "cases.tick")
      .execute();
    expect(jobs).toEqual([
      { kind: "cases.tick", status: "done", result: JSON.stringify({ reminders: 0, escalations: 0 }) },
    ]);
  });
});
