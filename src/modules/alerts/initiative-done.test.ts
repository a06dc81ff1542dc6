import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import { invitationToken, tokenHash } from "../../core/tokens.js";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { JobRunner } from "../jobs/job.runner.js";
import { enqueueJob } from "../jobs/job.service.js";
import { createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { createSurvey } from "../surveys/survey.service.js";
import { registerAlertJobs } from "./alert.jobs.js";
import { type AlertOrg, insertCase, insertResponse, seedAlertOrg } from "./alerts.test-fixtures.js";

const PUBLIC_URL = "https://nps.example.com";

describeEachDialect("initiative done: you said, we did", (dialect) => {
  let database: TestDatabase;
  let smtp: CaptureSmtpServer;
  let mailer: Mailer;
  let runner: JobRunner;
  const clock = new ManualClock("2026-02-02T09:00:00.000Z");
  let org: AlertOrg;
  let initiativeId: string;
  let anaToken: string;

  const announce = async (dedupeKey: string) => {
    await enqueueJob(
      database.db,
      {
        organizationId: org.organizationId,
        kind: "initiative.done",
        payload: { organizationId: org.organizationId, initiativeId },
        dedupeKey,
      },
      clock,
    );
    return runner.runDueJobs();
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    mailer = createSmtpMailer(smtp.url);
    runner = new JobRunner(database.db, { clock });
    registerAlertJobs(runner, { database, clock }, { mailer, publicUrl: PUBLIC_URL });
    org = await seedAlertOrg(database.db, clock);
    const db = database.db;
    const [ana, bo, cy, di, ed] = org.contactIds as [string, string, string, string, string];
    const at = "2026-01-10T09:00:00.000Z";
    const inCase = [];
    for (const contactId of [ana, bo, di, ed]) {
      inCase.push(
        await insertResponse(db, org, {
          contactId,
          score: 4,
          comment: "Approvals take weeks.",
          submittedAt: at,
        }),
      );
    }
    // Cy never had a case, but wrote about a theme the initiative answers.
    await insertResponse(db, org, {
      contactId: cy,
      score: 7,
      comment: "The INVOICE portal is slow",
      submittedAt: at,
    });
    // Ana also mentions it: she still gets one mail.
    await insertResponse(db, org, {
      contactId: ana,
      score: 5,
      comment: "invoice delays again",
      submittedAt: at,
    });
    const caseId = await insertCase(db, org, {
      createdAt: at,
      dueAt: "2026-01-13T17:00:00.000Z",
      responseIds: inCase,
    });
    const themeId = newId(clock.now().getTime());
    await db
      .insertInto("themes")
      .values({
        organization_id: org.organizationId,
        theme_id: themeId,
        name: "Invoicing",
        keywords: JSON.stringify(["invoice"]),
        created_at: at,
      })
      .execute();
    await db
      .updateTable("contacts")
      .set({ unsubscribed_at: at })
      .where("organization_id", "=", org.organizationId)
      .where("contact_id", "=", di)
      .execute();
    await db
      .updateTable("contacts")
      .set({ bounced_at: at })
      .where("organization_id", "=", org.organizationId)
      .where("contact_id", "=", ed)
      .execute();
    // Ana was invited by mail, so her message carries her own one-click unsubscribe link.
    const survey = await createSurvey(
      { db, organizationId: org.organizationId, actor: "test", clock },
      { name: "Relationship", languages: ["en"] },
    );
    const organization = await db
      .selectFrom("organizations")
      .select("invitation_secret")
      .where("organization_id", "=", org.organizationId)
      .executeTakeFirstOrThrow();
    const invitationId = newId(clock.now().getTime());
    anaToken = invitationToken(organization.invitation_secret!, invitationId);
    await db
      .insertInto("invitations")
      .values({
        organization_id: org.organizationId,
        invitation_id: invitationId,
        wave_id: null,
        survey_id: survey.survey_id,
        contact_id: ana,
        partner_id: org.partnerId,
        token_hash: tokenHash(anaToken),
        channel: "email",
        event_type: null,
        event_id: null,
        status: "responded",
        sent_at: at,
        delivered_at: null,
        bounced_at: null,
        clicked_at: null,
        responded_at: at,
        reminders_sent: 0,
        last_reminded_at: null,
        sending_at: at,
        unsubscribed_at: null,
        complained_at: null,
        language: "en",
        created_at: at,
      })
      .execute();
    initiativeId = newId(clock.now().getTime());
    await db
      .insertInto("initiatives")
      .values({
        organization_id: org.organizationId,
        initiative_id: initiativeId,
        title: "Invoices approved in 48 hours",
        description: "We cut <b>two</b> approval steps.",
        status: "done",
        theme_ids: JSON.stringify([themeId]),
        case_ids: JSON.stringify([caseId]),
        owner_user_id: org.adminId,
        done_at: "2026-02-02T08:00:00.000Z",
        created_at: at,
      })
      .execute();
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.stop();
    await database?.destroy();
  });

  it("mails each contact who raised it once, skips opted-out ones, and records it on the timeline", async () => {
    // The fan-out, five contact messages (two skipped) and two owner alerts.
    expect(await announce("initiative.done:1")).toEqual({ done: 8, retried: 0, dead: 0, lost: 0 });
    const counts = Object.fromEntries(smtp.countByRecipient());
    expect(counts).toEqual({
      "ana@fabrikam.example": 1,
      "bo@fabrikam.example": 1,
      "cy@fabrikam.example": 1,
      // The initiative_done alert to the case owner and the initiative owner (default: email).
      "olivia@contoso.example": 1,
      "ada@contoso.example": 1,
    });
    const [ana] = smtp.to("ana@fabrikam.example");
    const mail = await smtp.parse(ana!);
    expect(mail.subject).toBe("You said, we did: Invoices approved in 48 hours");
    expect(String(mail.html)).toContain("We cut &lt;b&gt;two&lt;/b&gt; approval steps.");
    expect(mail.text).toContain("Dear Ana Lima,");
    const unsubscribe = `${PUBLIC_URL}/u/${org.organizationId}/${anaToken}`;
    const header = (raw: string, name: string) =>
      new RegExp(`^${name}:\\s*(.*)$`, "im").exec(raw.replace(/\r\n[ \t]+/g, " "))?.[1]?.trim();
    expect(header(ana!.raw, "List-Unsubscribe")).toBe(`<${unsubscribe}>`);
    expect(header(ana!.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const bo = smtp.to("bo@fabrikam.example")[0]!;
    expect(header(bo.raw, "List-Unsubscribe")).toBe("<mailto:surveys@nps.example.com?subject=unsubscribe>");

    const messages = await database.db
      .selectFrom("initiative_messages")
      .select(["contact_id", "status", "skipped_reason"])
      .where("organization_id", "=", org.organizationId)
      .orderBy("contact_id")
      .execute();
    const [a, b, c, d, e] = org.contactIds;
    expect(messages).toEqual(
      [
        { contact_id: a, status: "sent", skipped_reason: null },
        { contact_id: b, status: "sent", skipped_reason: null },
        { contact_id: c, status: "sent", skipped_reason: null },
        { contact_id: d, status: "skipped", skipped_reason: "unsubscribed" },
        { contact_id: e, status: "skipped", skipped_reason: "bounced" },
      ].sort((x, y) => (x.contact_id! < y.contact_id! ? -1 : 1)),
    );
    const timeline = await database.db
      .selectFrom("partner_timeline")
      .select(["kind", "title", "entity_id"])
      .where("organization_id", "=", org.organizationId)
      .where("kind", "=", "initiative.message")
      .orderBy("title")
      .execute();
    expect(timeline.map((entry) => entry.title)).toEqual([
      "“You said, we did” sent to Ana Lima: Invoices approved in 48 hours",
      "“You said, we did” sent to Bo Chen: Invoices approved in 48 hours",
      "“You said, we did” sent to Cy Diaz: Invoices approved in 48 hours",
    ]);
    expect(new Set(timeline.map((entry) => entry.entity_id))).toEqual(new Set([initiativeId]));
  });

  it("sends nothing new when the initiative is announced again", async () => {
    const before = smtp.messages.length;
    clock.advance(60_000);
    expect(await announce("initiative.done:2")).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    expect(smtp.messages.length).toBe(before);
    const job = await database.db
      .selectFrom("jobs")
      .select("result")
      .where("organization_id", "=", org.organizationId)
      .where("dedupe_key", "=", "initiative.done:2")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(job.result!)).toEqual({ contacts: 5, queued: 0, alerts: 0 });
  });

  it("stops at a refused address instead of retrying it", async () => {
    const second = newId(clock.now().getTime());
    const first = await database.db
      .selectFrom("initiatives")
      .select(["case_ids"])
      .where("organization_id", "=", org.organizationId)
      .where("initiative_id", "=", initiativeId)
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("initiatives")
      .values({
        organization_id: org.organizationId,
        initiative_id: second,
        title: "A partner portal that remembers you",
        description: null,
        status: "done",
        theme_ids: "[]",
        case_ids: first.case_ids,
        owner_user_id: null,
        done_at: clock.now().toISOString(),
        created_at: clock.now().toISOString(),
      })
      .execute();
    smtp.rejectRecipient = (address) => (address === "bo@fabrikam.example" ? 550 : null);
    const before = smtp.countByRecipient();
    initiativeId = second;
    // Fan-out, Ana, Bo (refused), Di and Ed (skipped), and the case owner's alert.
    expect(await announce("initiative.done:3")).toEqual({ done: 6, retried: 0, dead: 0, lost: 0 });
    smtp.rejectRecipient = () => null;
    const after = smtp.countByRecipient();
    expect(after.get("ana@fabrikam.example")).toBe((before.get("ana@fabrikam.example") ?? 0) + 1);
    expect(after.get("bo@fabrikam.example")).toBe(before.get("bo@fabrikam.example"));
    const bo = await database.db
      .selectFrom("initiative_messages")
      .select(["status", "skipped_reason"])
      .where("organization_id", "=", org.organizationId)
      .where("initiative_id", "=", second)
      .where("contact_id", "=", org.contactIds[1]!)
      .executeTakeFirstOrThrow();
    expect(bo).toEqual({ status: "skipped", skipped_reason: "recipient_rejected" });
  });
});
