import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { config } from "../../src/config.js";
import { ManualClock, systemClock } from "../../src/core/clock.js";
import { buildApp } from "../../src/http/app.js";
import { createLogger } from "../../src/http/logger.js";
import { registerAlertJobs } from "../../src/modules/alerts/alert.jobs.js";
import { WebhookReceiver } from "../../src/modules/alerts/alerts.test-fixtures.js";
import { registerCaseAlertJobs } from "../../src/modules/cases/case-alerts.job.js";
import { createContact } from "../../src/modules/contacts/contact.service.js";
import { registerInvitationSendJobs } from "../../src/modules/invitations/invitation-send.job.js";
import { JobRunner } from "../../src/modules/jobs/job.runner.js";
import { createSmtpMailer, type Mailer } from "../../src/modules/mail/mailer.js";
import { createOrganization } from "../../src/modules/organizations/organization.service.js";
import { createPartner } from "../../src/modules/partners/partner.service.js";
import { registerResponseReceivedJob } from "../../src/modules/survey-page/response-received.job.js";
import { createSurvey } from "../../src/modules/surveys/survey.service.js";
import { createWave, launchWave } from "../../src/modules/waves/wave.service.js";
import { CaptureSmtpServer } from "../../src/test-support/capture-smtp-server.js";
import { describeWithChromium, launchChromium } from "../../src/test-support/chromium.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../src/test-support/databases.js";
import { type SignedInUser, sessionHeaders, signIn } from "../../src/test-support/http.js";

/** The test's own oracle for a 2-business-day SLA in UTC: the second weekday after opening, 17:00. */
function dueAfterTwoWeekdays(openedAt: string): string {
  const day = new Date(`${openedAt.slice(0, 10)}T17:00:00.000Z`);
  const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  while (weekend(day)) day.setUTCDate(day.getUTCDate() + 1);
  for (let counted = 0; counted < 2; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (!weekend(day)) counted++;
  }
  return day.toISOString();
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Closing the loop, end to end: a detractor answers on the real survey page, the job runner (polling as
 * in production) opens a case for the partner's manager and alerts her on Slack, Teams and email; she logs
 * the contact and resolves the case through the API, and the case metrics move.
 */
for (const dialect of DIALECTS) {
  describeWithChromium(`closing the loop, end to end [${dialect}]`, () => {
    let database: TestDatabase;
    let smtp: CaptureSmtpServer;
    let receiver: WebhookReceiver;
    let mailer: Mailer;
    let browser: Browser;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let runner: JobRunner;
    let organizationId: string;
    let olivia: SignedInUser;
    let caseId: string;

    const api = async (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) => {
      const response = await app.inject({
        method,
        url,
        headers: sessionHeaders(olivia),
        ...(payload ? { payload } : {}),
      });
      return { status: response.statusCode, body: response.json() };
    };

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      smtp = new CaptureSmtpServer();
      await smtp.start(0);
      mailer = createSmtpMailer(smtp.url);
      receiver = new WebhookReceiver();
      await receiver.start(0);
      const context = { config, database, clock: systemClock, logger: createLogger("silent") };
      app = await buildApp(context);
      await app.listen({ host: "127.0.0.1", port: 0 });
      const publicUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      context.config = { ...config, publicUrl };
      // The production poll interval (500 ms): the alert's latency below is the real one.
      runner = new JobRunner(database.db, { clock: systemClock, concurrency: 2 });
      registerResponseReceivedJob(runner, database, systemClock);
      registerCaseAlertJobs(runner, database, systemClock);
      registerAlertJobs(runner, { database, clock: systemClock }, { mailer, publicUrl });
      registerInvitationSendJobs(
        runner,
        { database, clock: systemClock },
        { mailer, publicUrl, mailsPerSecond: 1_000 },
      );
      browser = await launchChromium();

      const organization = await createOrganization(database.db, {
        name: "Contoso Cloud",
        companyName: "Contoso Cloud",
      });
      organizationId = organization.organization_id;
      olivia = await signIn(
        { database, clock: new ManualClock(new Date()) },
        { organizationId, role: "partner_manager", email: "olivia@contoso.example", name: "Olivia Owner" },
      );
      const service = { db: database.db, organizationId, actor: "test", clock: systemClock };
      const partner = await createPartner(service, {
        name: "Fabrikam Integrators",
        tier: "gold",
        owner_user_id: olivia.userId,
      });
      await createContact(service, {
        partner_id: partner.partner_id,
        name: "Ana Lima",
        email: "ana@fabrikam.example",
        language: "en",
      });
      const preferences = await api("PUT", "/api/v1/me/alert-preferences", {
        channels: [
          { channel: "email", events: ["case_opened"] },
          { channel: "slack", target: receiver.url("/slack/T1/B1/secret0001"), events: ["case_opened"] },
          { channel: "teams", target: receiver.url("/teams/workflow/secret0002"), events: ["case_opened"] },
        ],
      });
      expect(preferences.status).toBe(200);
      const survey = await createSurvey(service, {
        name: "Partner relationship",
        languages: ["en"],
        questions: { reason: true, drivers: [], custom: [] },
      });
      const wave = await createWave(service, {
        survey_id: survey.survey_id,
        name: "Q4 relationship",
        closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      });
      expect((await launchWave(database, service, wave.wave_id)).invited).toBe(1);
      runner.start();
      await waitFor("the invitation mail", () => smtp.to("ana@fabrikam.example").length === 1);
    }, 120_000);

    afterAll(async () => {
      await runner?.stop();
      await browser?.close();
      await app?.close();
      await mailer?.close();
      await receiver?.stop();
      await smtp?.stop();
      await database?.destroy();
    });

    it("a detractor's answer reaches the partner's manager on Slack, Teams and email within a minute", async () => {
      const invitation = await simpleParser(smtp.to("ana@fabrikam.example")[0]!.raw);
      const link = [...String(invitation.html).matchAll(/href="([^"]+\?score=2)"/g)][0]![1]!.replace(
        /&amp;/g,
        "&",
      );
      const page = await browser.newPage();
      await page.goto(link);
      await page.locator("textarea").first().fill("Deal registration takes <b>weeks</b>; nobody answers.");
      await page.locator('button[type="submit"], input[type="submit"]').first().click();
      await page.waitForURL(/\/thanks(\?|$)/);
      const answeredAt = Date.now();
      await page.close();

      await waitFor(
        "the Slack, Teams and email alerts",
        () => receiver.posts.length === 2 && smtp.to("olivia@contoso.example").length === 1,
        60_000,
      );
      expect(Date.now() - answeredAt).toBeLessThan(60_000);

      const cases = await api("GET", "/api/v1/cases");
      expect(cases.status).toBe(200);
      expect(cases.body.items).toHaveLength(1);
      const opened = cases.body.items[0];
      caseId = opened.id;
      expect(opened).toMatchObject({
        partnerName: "Fabrikam Integrators",
        ownerUserId: olivia.userId,
        rule: "detractor",
        status: "new",
        dueAt: dueAfterTwoWeekdays(opened.createdAt),
      });
      expect(opened.responseIds).toHaveLength(1);

      const [slack] = receiver.postsTo("/slack/T1/B1/secret0001");
      const slackBody = slack!.body as { text: string; blocks: { type: string; text?: { text: string } }[] };
      expect(slackBody.text).toBe("New follow-up case: Fabrikam Integrators");
      expect(slackBody.blocks[0]!.text!.text).toContain("*Score:* 2");
      expect(slackBody.blocks[1]!.text!.text).toBe(
        ">Ana Lima, score 2: “Deal registration takes &lt;b&gt;weeks&lt;/b&gt;; nobody answers.”",
      );
      const [teams] = receiver.postsTo("/teams/workflow/secret0002");
      const card = (
        teams!.body as { attachments: { contentType: string; content: { body: { text?: string }[] } }[] }
      ).attachments[0]!;
      expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(card.content.body[0]!.text).toBe("New follow-up case: Fabrikam Integrators");
      const mail = await simpleParser(smtp.to("olivia@contoso.example")[0]!.raw);
      expect(mail.subject).toBe("New follow-up case: Fabrikam Integrators");
      expect(String(mail.html)).toContain(`/app/cases/${caseId}"`);
      expect(String(mail.html)).toContain("&lt;b&gt;weeks&lt;/b&gt;");

      const metrics = await api("GET", "/api/v1/cases/metrics");
      expect(metrics.body).toMatchObject({ open: 1, overdue: 0, contactedWithinSla: 0, slaDecided: 0 });
    }, 120_000);

    it("the owner logs the contact and resolves the case; the metrics move", async () => {
      const note = await api("POST", `/api/v1/cases/${caseId}/notes`, {
        kind: "contact",
        body: "Called Ana; deal registration now has a 48-hour promise.",
      });
      expect(note.status).toBe(201);
      expect(note.body.case.status).toBe("contacted");
      const resolved = await api("PATCH", `/api/v1/cases/${caseId}`, {
        status: "resolved",
        actionTaken: "Deal registration SLA set to 48 hours",
      });
      expect(resolved.status).toBe(200);
      expect(resolved.body.status).toBe("resolved");
      const metrics = await api("GET", "/api/v1/cases/metrics");
      expect(metrics.body).toMatchObject({
        open: 0,
        overdue: 0,
        contactedWithinSla: 1,
        slaDecided: 1,
        contactedWithinSlaShare: 1,
      });
      // Each alert arrived once, whatever the runner did meanwhile.
      expect(receiver.posts).toHaveLength(2);
      expect(smtp.to("olivia@contoso.example")).toHaveLength(1);
    });
  });
}
