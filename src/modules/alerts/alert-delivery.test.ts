import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { registerCaseAlertJobs } from "../cases/case-alerts.job.js";
import { JobRunner } from "../jobs/job.runner.js";
import { enqueueJob } from "../jobs/job.service.js";
import { createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { registerAlertJobs } from "./alert.jobs.js";
import { listDeliveries } from "./alert-delivery.repository.js";
import { ALERT_MAX_ATTEMPTS } from "./alert-fanout.js";
import { putPreferences } from "./alert-preference.service.js";
import {
  type AlertOrg,
  insertCase,
  insertResponse,
  seedAlertOrg,
  WebhookReceiver,
} from "./alerts.test-fixtures.js";
import { fanOutCaseOpened } from "./case-opened.alerts.js";

const PUBLIC_URL = "https://nps.example.com";
const START = "2026-01-15T09:00:00.000Z";

describeEachDialect("alert delivery", (dialect) => {
  let database: TestDatabase;
  let smtp: CaptureSmtpServer;
  let receiver: WebhookReceiver;
  let mailer: Mailer;
  let clock: ManualClock;
  let org: AlertOrg;

  const newRunner = () => {
    const runner = new JobRunner(database.db, {
      clock,
      concurrency: 2,
      backoff: { baseMs: 1_000, factor: 2, maxMs: 60_000, jitter: false },
    });
    registerCaseAlertJobs(runner, database, clock);
    registerAlertJobs(
      runner,
      { database, clock },
      { mailer, publicUrl: PUBLIC_URL, webhookTimeoutMs: 2_000 },
    );
    return runner;
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    mailer = createSmtpMailer(smtp.url);
    receiver = new WebhookReceiver();
    await receiver.start(0);
  });
  afterAll(async () => {
    await mailer?.close();
    await receiver?.stop();
    await smtp?.stop();
    await database?.destroy();
  });
  beforeEach(async () => {
    clock = new ManualClock(START);
    org = await seedAlertOrg(database.db, clock, `Contoso ${Math.random().toString(36).slice(2, 8)}`);
  });
  afterEach(async () => {
    receiver.status = 200;
    await receiver.start();
  });

  const preferences = (input: object) =>
    putPreferences({ db: database.db, organizationId: org.organizationId, clock }, org.ownerId, input);

  const openCase = async (comment: string) => {
    const responseId = await insertResponse(database.db, org, {
      contactId: org.contactIds[0]!,
      score: 3,
      comment,
      submittedAt: START,
    });
    const caseId = await insertCase(database.db, org, {
      createdAt: START,
      dueAt: "2026-01-19T17:00:00.000Z",
      responseIds: [responseId],
    });
    await enqueueJob(
      database.db,
      {
        organizationId: org.organizationId,
        kind: "case.opened",
        payload: { organizationId: org.organizationId, caseId },
      },
      clock,
    );
    return caseId;
  };

  it("posts a Slack and a Teams message and mails the owner, each once", async () => {
    const slackPath = `/slack/${org.organizationId}/T000/B000/XXXXsecretXXXXabcd`;
    const teamsPath = `/teams/${org.organizationId}/workflows/wxyz`;
    await preferences({
      channels: [
        { channel: "email", events: ["case_opened"] },
        { channel: "slack", target: receiver.url(slackPath), events: ["case_opened"] },
        { channel: "teams", target: receiver.url(teamsPath), events: ["case_opened"] },
      ],
    });
    const caseId = await openCase(
      'Support never calls back <script>alert("x")</script> & [click](http://evil)',
    );
    const summary = await newRunner().runDueJobs();
    expect(summary).toEqual({ done: 4, retried: 0, dead: 0, lost: 0 });

    const deliveries = await listDeliveries(database.db, org.organizationId, { caseId });
    expect(deliveries.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
      ["email", "delivered", 1],
      ["slack", "delivered", 1],
      ["teams", "delivered", 1],
    ]);
    const slackAlert = deliveries.find((d) => d.channel === "slack")!.alert_id;
    const teamsAlert = deliveries.find((d) => d.channel === "teams")!.alert_id;
    const emailAlert = deliveries.find((d) => d.channel === "email")!.alert_id;

    const [slack] = receiver.postsTo(slackPath);
    expect(receiver.postsTo(slackPath)).toHaveLength(1);
    expect(slack!.headers["idempotency-key"]).toBe(slackAlert);
    const slackBody = slack!.body as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(slackBody.text).toBe("New follow-up case: Fabrikam &amp; Sons");
    expect(slackBody.blocks.map((b) => b.type)).toEqual(["section", "section", "section", "context"]);
    expect(slackBody.blocks[0]!.text!.text).toContain("*Score:* 3");
    expect(slackBody.blocks[0]!.text!.text).toContain("*Owner:* Olivia Owner");
    expect(slackBody.blocks[0]!.text!.text).toContain("*Due:* Mon, 19 Jan 2026, 17:00 (UTC)");
    // User text cannot open a Slack link or tag: < and > arrive escaped.
    expect(slackBody.blocks[1]!.text!.text).toBe(
      '>Ana Lima, score 3: “Support never calls back &lt;script&gt;alert("x")&lt;/script&gt; &amp; [click](http://evil)”',
    );
    expect(slackBody.blocks[2]!.text!.text).toBe(`<${PUBLIC_URL}/app/cases/${caseId}|Open the case>`);
    expect(JSON.stringify(slackBody.blocks[3])).toContain(`alert ${slackAlert}`);

    expect(receiver.postsTo(teamsPath)).toHaveLength(1);
    const teams = receiver.postsTo(teamsPath)[0]!.body as {
      type: string;
      alertId: string;
      attachments: {
        contentType: string;
        content: {
          type: string;
          version: string;
          body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
          actions: { type: string; url: string }[];
        };
      }[];
    };
    expect(teams.type).toBe("message");
    expect(teams.alertId).toBe(teamsAlert);
    expect(teams.attachments).toHaveLength(1);
    expect(teams.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = teams.attachments[0]!.content;
    expect([card.type, card.version]).toEqual(["AdaptiveCard", "1.4"]);
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "New follow-up case: Fabrikam & Sons" });
    expect(card.body[1]!.facts).toContainEqual({ title: "Partner", value: "Fabrikam & Sons" });
    expect(card.body[1]!.facts).toContainEqual({ title: "Score", value: "3" });
    expect(card.body[2]!.text).toContain("\\[click\\](http://evil)");
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open the case", url: `${PUBLIC_URL}/app/cases/${caseId}` },
    ]);

    const mails = smtp.to("olivia@contoso.example").filter((m) => m.messageId.includes(emailAlert));
    expect(mails).toHaveLength(1);
    const mail = await smtp.parse(mails[0]!);
    expect(mail.subject).toBe("New follow-up case: Fabrikam & Sons");
    expect(String(mail.html)).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(String(mail.html)).not.toContain("<script>");
    expect(String(mail.html)).toContain(`href="${PUBLIC_URL}/app/cases/${caseId}"`);
    expect(mail.text).toContain(`Open the case: ${PUBLIC_URL}/app/cases/${caseId}`);

    // The fan-out again (a crash after its commit, say) creates nothing and queues nothing.
    expect(await fanOutCaseOpened(database, clock, { organizationId: org.organizationId, caseId })).toEqual({
      recipients: 1,
      deliveries: 0,
    });
    expect(await newRunner().runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
    expect(receiver.postsTo(slackPath)).toHaveLength(1);
  });

  it("keeps retrying while the receiver is down or busy, survives a restart, and delivers once", async () => {
    const slackPath = `/slack/${org.organizationId}/down`;
    await preferences({
      channels: [{ channel: "slack", target: receiver.url(slackPath), events: ["case_opened"] }],
    });
    await openCase("Nobody answers the partner desk.");
    await receiver.stop();
    const first = newRunner();
    expect(await first.runDueJobs()).toEqual({ done: 1, retried: 1, dead: 0, lost: 0 });
    let [delivery] = await listDeliveries(database.db, org.organizationId, { channel: "slack" });
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, sending_at: null });
    expect(delivery!.last_error).toBe("WebhookError: Slack webhook unreachable: ECONNREFUSED");
    expect(delivery!.last_error).not.toContain("down");

    // Back up but overloaded: 503s are retried too.
    await receiver.start();
    receiver.status = 503;
    clock.advance(1_000);
    expect(await first.runDueJobs()).toEqual({ done: 0, retried: 1, dead: 0, lost: 0 });
    clock.advance(2_000);
    expect(await first.runDueJobs()).toEqual({ done: 0, retried: 1, dead: 0, lost: 0 });
    [delivery] = await listDeliveries(database.db, org.organizationId, { channel: "slack" });
    expect(delivery).toMatchObject({ status: "pending", attempts: 3 });
    expect(delivery!.last_error).toBe("WebhookError: Slack webhook answered HTTP 503");
    const job = await database.db
      .selectFrom("jobs")
      .select(["max_attempts", "run_at", "status"])
      .where("organization_id", "=", org.organizationId)
      .where("kind", "=", "alert.deliver")
      .executeTakeFirstOrThrow();
    expect(job).toEqual({
      max_attempts: ALERT_MAX_ATTEMPTS,
      run_at: "2026-01-15T09:00:07.000Z",
      status: "queued",
    });

    // The server restarts (a new runner over the same database) while the receiver is still busy.
    await first.stop();
    const second = newRunner();
    clock.advance(1_000);
    expect(await second.runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
    receiver.status = 200;
    clock.advance(3_000);
    expect(await second.runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    clock.advance(3_600_000);
    expect(await second.runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });

    expect(receiver.postsTo(slackPath)).toHaveLength(1);
    [delivery] = await listDeliveries(database.db, org.organizationId, { channel: "slack" });
    expect(delivery).toMatchObject({
      status: "delivered",
      attempts: 4,
      delivered_at: "2026-01-15T09:00:07.000Z",
      last_error: null,
    });
  });

  it("re-posts with the same idempotency key only after a hard stop between the post and its record", async () => {
    const slackPath = `/slack/${org.organizationId}/crash`;
    await preferences({
      channels: [{ channel: "slack", target: receiver.url(slackPath), events: ["case_opened"] }],
    });
    const caseId = await openCase("Crash window.");
    expect(await newRunner().runDueJobs()).toEqual({ done: 2, retried: 0, dead: 0, lost: 0 });
    const [delivery] = await listDeliveries(database.db, org.organizationId, { caseId });
    // What a kill -9 after the receiver's 2xx leaves behind: sending_at set, the status still pending.
    await database.db
      .updateTable("alert_deliveries")
      .set({ status: "pending", delivered_at: null })
      .where("organization_id", "=", org.organizationId)
      .where("alert_id", "=", delivery!.alert_id)
      .execute();
    await enqueueJob(
      database.db,
      {
        organizationId: org.organizationId,
        kind: "alert.deliver",
        payload: { organizationId: org.organizationId, alertId: delivery!.alert_id },
      },
      clock,
    );
    expect(await newRunner().runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    const posts = receiver.postsTo(slackPath);
    expect(posts.map((post) => post.headers["idempotency-key"])).toEqual([
      delivery!.alert_id,
      delivery!.alert_id,
    ]);
    // Once recorded, any further run is a no-op.
    await enqueueJob(
      database.db,
      {
        organizationId: org.organizationId,
        kind: "alert.deliver",
        payload: { organizationId: org.organizationId, alertId: delivery!.alert_id },
      },
      clock,
    );
    expect(await newRunner().runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    expect(receiver.postsTo(slackPath)).toHaveLength(2);
  });

  it("honours preferences: a disabled channel or an unsubscribed event sends nothing", async () => {
    const slackPath = `/slack/${org.organizationId}/off`;
    await preferences({
      channels: [
        { channel: "email", events: ["case_reminder", "case_escalated"] },
        { channel: "slack", target: receiver.url(slackPath), events: ["case_opened"], enabled: false },
      ],
    });
    const before = smtp.messages.length;
    const caseId = await openCase("Too slow.");
    expect(await newRunner().runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    expect(await listDeliveries(database.db, org.organizationId, { caseId })).toEqual([]);
    expect(receiver.postsTo(slackPath)).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it("emails the owner by default and stops a queued delivery whose channel was turned off", async () => {
    const caseId = await openCase("Default alerts.");
    const runner = newRunner();
    expect(await runner.runDueJobs({ maxJobs: 1 })).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    const [queued] = await listDeliveries(database.db, org.organizationId, { caseId });
    expect(queued).toMatchObject({ channel: "email", status: "pending", user_id: org.ownerId });
    await preferences({ channels: [{ channel: "email", events: ["case_opened"], enabled: false }] });
    expect(await runner.runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    const [stopped] = await listDeliveries(database.db, org.organizationId, { caseId });
    expect(stopped).toMatchObject({ status: "failed", last_error: "the email channel was turned off" });
    expect(smtp.messages.some((m) => m.messageId.includes(stopped!.alert_id))).toBe(false);
  });
});
