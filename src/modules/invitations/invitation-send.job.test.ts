import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { invitationToken } from "../../core/tokens.js";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { JobRunner } from "../jobs/job.runner.js";
import { enqueueJob } from "../jobs/job.service.js";
import { closeSharedMailers, createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { listOutbox, readOutboxMail } from "../mail/outbox.js";
import { TokenBucket } from "../mail/token-bucket.js";
import { findInvitation } from "./invitation.repository.js";
import {
  enqueueInvitationReminders,
  enqueueInvitationSend,
  INVITATION_REMIND_JOB,
  INVITATION_SEND_JOB,
  registerInvitationSendJobs,
} from "./invitation-send.job.js";
import { createSendFixture, PUBLIC_URL, type SendFixture } from "./invitation-send.test-fixtures.js";

const START = "2026-11-30T08:00:00.000Z";
const DAY_MS = 86_400_000;

describeEachDialect("invitation mails", (dialect) => {
  let database: TestDatabase;
  let fixture: SendFixture;
  let smtp: CaptureSmtpServer;
  let mailer: Mailer;
  let clock: ManualClock;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    fixture = await createSendFixture(database);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(async () => {
    // runDueJobs serves every organization: earlier tests' reminders must not run in later ones.
    await database.db.deleteFrom("jobs").execute();
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    mailer = createSmtpMailer(smtp.url, { maxConnections: 2 });
    clock = new ManualClock(START);
  });
  afterEach(async () => {
    await mailer.close();
    await smtp.stop();
  });

  function runDueJobs() {
    const runner = new JobRunner(database.db, { clock, concurrency: 2, backoff: { jitter: false } });
    registerInvitationSendJobs(
      runner,
      { database, clock },
      { mailer, publicUrl: PUBLIC_URL, throttle: new TokenBucket(1_000, 50) },
    );
    return runner.runDueJobs();
  }

  async function invitation(invitationId: string) {
    const row = await findInvitation(database.db, fixture.organizationId, invitationId);
    if (!row) throw new Error(`invitation ${invitationId} is missing`);
    return row;
  }

  async function jobResults(kind: string) {
    const rows = await database.db
      .selectFrom("jobs")
      .select(["status", "result", "payload", "dedupe_key", "run_at", "attempts", "last_error"])
      .where("kind", "=", kind)
      .orderBy("run_at")
      .orderBy("created_at")
      .orderBy("job_id")
      .execute();
    return rows.map((row) => ({ ...row, result: row.result ? (JSON.parse(row.result) as object) : null }));
  }

  it("mails a French contact in French with text and HTML, 11 score links to its own invitation, and List-Unsubscribe", async () => {
    const [id] = await fixture.invite([
      { email: "amelie@partner.example", name: "Amélie <b>Dupont</b> & Co", language: "fr" },
    ]);
    const invitationId = id!;
    await enqueueInvitationSend(database.db, fixture.organizationId, [invitationId], { clock });
    expect(await runDueJobs()).toMatchObject({ done: 1, retried: 0, dead: 0 });

    expect(smtp.messages).toHaveLength(1);
    const captured = smtp.messages[0]!;
    expect(captured.recipients).toEqual(["amelie@partner.example"]);
    expect(captured.messageId).toBe(`<invite.${invitationId}@${fixture.organizationId}.nps.example.com>`);
    const headers = captured.raw.slice(0, captured.raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
    const token = invitationToken(fixture.secret, invitationId);
    const base = `${PUBLIC_URL}/s/${fixture.organizationId}/${token}`;
    const unsubscribe = `${PUBLIC_URL}/u/${fixture.organizationId}/${token}`;
    expect(headers).toContain(`List-Unsubscribe: <${unsubscribe}>`);
    expect(headers).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

    const parsed = await smtp.parse(captured);
    expect(parsed.subject).toBe(`${fixture.companyName} aimerait connaître votre avis de partenaire`);
    expect(parsed.from?.value[0]?.name).toBe(fixture.companyName);
    const body = typeof parsed.html === "string" ? parsed.html : "";
    const text = parsed.text ?? "";
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain("Bonjour Amélie &lt;b&gt;Dupont&lt;/b&gt; &amp; Co,");
    expect(body).not.toContain("<b>Dupont");
    expect(body).toContain(fixture.companyName);
    const hrefs = [...body.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    const scoreLinks = hrefs.filter((href) => href.includes("?score="));
    expect(scoreLinks).toEqual(Array.from({ length: 11 }, (_, score) => `${base}?score=${score}`));
    expect(hrefs).toContain(base);
    expect(hrefs).toContain(unsubscribe);
    expect(text).toContain("Bonjour Amélie <b>Dupont</b> & Co,");
    for (const link of scoreLinks) expect(text).toContain(link);
    expect(text).toContain(`Ouvrir l’enquête: ${base}`);
    expect(text).toContain("L’enquête est ouverte jusqu’au 31 décembre 2026.");
    expect(text).toContain(unsubscribe);

    expect(await invitation(invitationId)).toMatchObject({
      status: "sent",
      sent_at: START,
      sending_at: START,
      language: "fr",
    });
  });

  it("sends one mail when the send job is queued twice or runs twice", async () => {
    const [invitationId] = await fixture.invite([{ email: "twice@partner.example" }]);
    const ids = [invitationId!];
    expect(await enqueueInvitationSend(database.db, fixture.organizationId, ids, { clock })).toBe(1);
    expect(await enqueueInvitationSend(database.db, fixture.organizationId, ids, { clock })).toBe(0);
    await runDueJobs();
    clock.advance(1_000);
    // A second job for the same invitation (no dedupe key) finds the mail already recorded.
    await enqueueJob(
      database.db,
      { organizationId: fixture.organizationId, kind: INVITATION_SEND_JOB, payload: { invitationId } },
      clock,
    );
    expect(await runDueJobs()).toMatchObject({ done: 1 });
    expect(smtp.countByRecipient().get("twice@partner.example")).toBe(1);
    expect((await jobResults(INVITATION_SEND_JOB)).map((job) => job.result)).toEqual([
      expect.objectContaining({ sent: true }),
      { skipped: "already_sent" },
    ]);
  });

  it("sends nothing to unsubscribed or bounced contacts, nor to an invitation opted out", async () => {
    const ids = await fixture.invite([
      { email: "gone@partner.example", unsubscribedAt: "2026-11-01T00:00:00.000Z" },
      { email: "bounced@partner.example", bouncedAt: "2026-11-01T00:00:00.000Z" },
      { email: "opted-out@partner.example" },
    ]);
    await database.db
      .updateTable("invitations")
      .set({ unsubscribed_at: "2026-11-29T00:00:00.000Z" })
      .where("invitation_id", "=", ids[2]!)
      .execute();
    await enqueueInvitationSend(database.db, fixture.organizationId, ids, { clock });
    expect(await runDueJobs()).toMatchObject({ done: 3 });
    expect(smtp.messages).toHaveLength(0);
    const results = new Map(
      (await jobResults(INVITATION_SEND_JOB)).map((job) => [job.dedupe_key, job.result] as const),
    );
    expect(ids.map((id) => results.get(`invite:${id}`))).toEqual([
      { skipped: "unsubscribed" },
      { skipped: "bounced" },
      { skipped: "unsubscribed" },
    ]);
  });

  it("reminds only non-responders, once per reminder number, on days 4 and 9", async () => {
    const [answers, silent] = await fixture.invite([
      { email: "answers@partner.example" },
      { email: "silent@partner.example" },
    ]);
    await enqueueInvitationSend(database.db, fixture.organizationId, [answers!, silent!], { clock });
    await runDueJobs();
    // As the wave calendar queues them: reminder n at the wave's n-th reminder day after the first mail.
    const schedule = [4, 9].map((day, index) => ({
      reminder: index + 1,
      runAt: new Date(Date.parse(START) + day * DAY_MS).toISOString(),
    }));
    for (const invitationId of [answers!, silent!]) {
      await enqueueInvitationReminders(database.db, fixture.organizationId, invitationId, schedule, {
        clock,
      });
    }
    await database.db
      .updateTable("invitations")
      .set({ status: "responded", responded_at: "2026-12-01T10:00:00.000Z" })
      .where("invitation_id", "=", answers!)
      .execute();

    clock.advance(4 * DAY_MS - 60_000);
    expect(await runDueJobs()).toMatchObject({ done: 0 });
    clock.advance(60_000);
    expect(await runDueJobs()).toMatchObject({ done: 2 });
    // Queuing reminder 1 again is a no-op, and running a stray copy of it sends nothing.
    const again = [{ reminder: 1, runAt: clock.now().toISOString() }];
    expect(await enqueueInvitationReminders(database.db, fixture.organizationId, silent!, again)).toBe(0);
    await enqueueJob(
      database.db,
      {
        organizationId: fixture.organizationId,
        kind: INVITATION_REMIND_JOB,
        payload: { invitationId: silent, reminder: 1 },
      },
      clock,
    );
    expect(await runDueJobs()).toMatchObject({ done: 1 });
    clock.advance(5 * DAY_MS);
    expect(await runDueJobs()).toMatchObject({ done: 2 });

    expect(smtp.to("answers@partner.example").map((mail) => mail.messageId)).toEqual([
      `<invite.${answers}@${fixture.organizationId}.nps.example.com>`,
    ]);
    const toSilent = smtp.to("silent@partner.example");
    expect(toSilent.map((mail) => mail.messageId.split("@")[0])).toEqual([
      `<invite.${silent}`,
      `<remind.1.${silent}`,
      `<remind.2.${silent}`,
    ]);
    expect((await smtp.parse(toSilent[2]!)).subject).toBe(
      `Reminder: ${fixture.companyName} would value your feedback as a partner`,
    );
    expect(await invitation(silent!)).toMatchObject({
      reminders_sent: 2,
      last_reminded_at: new Date(Date.parse(START) + 9 * DAY_MS).toISOString(),
    });
    const results = (await jobResults(INVITATION_REMIND_JOB)).map((job) => job.result);
    expect(results.filter((result) => JSON.stringify(result).includes("answered"))).toHaveLength(2);
    expect(results).toContainEqual({ skipped: "already_reminded" });
  });

  it("retries with backoff while SMTP is down and delivers once when it is back", async () => {
    const [invitationId] = await fixture.invite([{ email: "patient@partner.example" }]);
    await smtp.stop();
    await enqueueInvitationSend(database.db, fixture.organizationId, [invitationId!], { clock });
    expect(await runDueJobs()).toMatchObject({ done: 0, retried: 1 });
    const [failed] = await jobResults(INVITATION_SEND_JOB);
    expect(failed).toMatchObject({ status: "queued", attempts: 1, run_at: "2026-11-30T08:00:02.000Z" });
    expect(failed?.last_error).toMatch(/ECONNREFUSED|connect/i);
    // A refused connection surely sent nothing, so the attempt leaves no "maybe sent" mark.
    expect(await invitation(invitationId!)).toMatchObject({ sending_at: null, sent_at: null });

    expect(await runDueJobs()).toMatchObject({ done: 0, retried: 0 });
    clock.advance(2_000);
    expect(await runDueJobs()).toMatchObject({ retried: 1 });
    await smtp.start();
    clock.advance(4_000);
    expect(await runDueJobs()).toMatchObject({ done: 1 });
    expect(smtp.countByRecipient().get("patient@partner.example")).toBe(1);
    expect(await invitation(invitationId!)).toMatchObject({ status: "sent" });
    const [delivered] = await jobResults(INVITATION_SEND_JOB);
    expect(delivered).toMatchObject({ status: "done", attempts: 3 });
    expect(delivered?.result).not.toHaveProperty("resentAfterUnrecordedAttempt");
  });

  it("resends, with the same Message-ID and a flag, a mail whose acceptance was never recorded", async () => {
    const [invitationId] = await fixture.invite([{ email: "twice-maybe@partner.example" }]);
    const smtpMailer = mailer;
    let calls = 0;
    // The server takes the mail but the reply is lost: the documented at-least-once window.
    mailer = {
      description: smtpMailer.description,
      close: () => smtpMailer.close(),
      async send(outgoing) {
        const sent = await smtpMailer.send(outgoing);
        calls += 1;
        if (calls === 1)
          throw Object.assign(new Error("Connection closed unexpectedly"), { code: "ECONNECTION" });
        return sent;
      },
    };
    await enqueueInvitationSend(database.db, fixture.organizationId, [invitationId!], { clock });
    expect(await runDueJobs()).toMatchObject({ retried: 1 });
    expect(await invitation(invitationId!)).toMatchObject({ sending_at: START, sent_at: null });
    clock.advance(2_000);
    expect(await runDueJobs()).toMatchObject({ done: 1 });
    expect([...smtp.countByMessageId().values()]).toEqual([2]);
    const [job] = await jobResults(INVITATION_SEND_JOB);
    expect(job?.result).toMatchObject({ sent: true, resentAfterUnrecordedAttempt: true });
  });

  it("marks the invitation and the contact bounced when the server refuses the address for good", async () => {
    const [invitationId] = await fixture.invite([{ email: "no-such-user@partner.example" }]);
    smtp.rejectRecipient = (address) => (address.startsWith("no-such-user@") ? 550 : null);
    await enqueueInvitationSend(database.db, fixture.organizationId, [invitationId!], { clock });
    expect(await runDueJobs()).toMatchObject({ done: 1, retried: 0 });
    expect(smtp.messages).toHaveLength(0);
    const row = await invitation(invitationId!);
    expect(row).toMatchObject({ status: "bounced", bounced_at: START, sent_at: null });
    const contact = await database.db
      .selectFrom("contacts")
      .select("bounced_at")
      .where("organization_id", "=", fixture.organizationId)
      .where("contact_id", "=", row.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact.bounced_at).toBe(START);
    const [job] = await jobResults(INVITATION_SEND_JOB);
    expect(job?.result).toMatchObject({ bounced: true });
  });

  it("without an SMTP URL writes the mail to the outbox folder, where the app lists it", async () => {
    const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-outbox-"));
    try {
      const [invitationId] = await fixture.invite([{ email: "newcomer@partner.example" }]);
      await enqueueInvitationSend(database.db, fixture.organizationId, [invitationId!], { clock });
      const runner = new JobRunner(database.db, { clock });
      registerInvitationSendJobs(
        runner,
        { database, clock, config: { smtpUrl: null, outboxDir, publicUrl: PUBLIC_URL } },
        { throttle: new TokenBucket(1_000, 50) },
      );
      expect(await runner.runDueJobs()).toMatchObject({ done: 1 });
      await closeSharedMailers();
      const listed = await listOutbox(outboxDir, { organizationId: fixture.organizationId });
      expect(listed).toEqual([expect.objectContaining({ to: "newcomer@partner.example", invitationId })]);
      expect(await readOutboxMail(outboxDir, listed[0]!.file)).toContain(
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
      );
      expect(smtp.messages).toHaveLength(0);
      expect(await invitation(invitationId!)).toMatchObject({ status: "sent" });
    } finally {
      fs.rmSync(outboxDir, { recursive: true, force: true });
    }
  });
});
