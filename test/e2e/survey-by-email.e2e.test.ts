import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { config } from "../../src/config.js";
import { systemClock } from "../../src/core/clock.js";
import { buildApp } from "../../src/http/app.js";
import { createLogger } from "../../src/http/logger.js";
import { runNpsReport } from "../../src/modules/analytics/report.service.js";
import { createContact } from "../../src/modules/contacts/contact.service.js";
import { registerImportJob } from "../../src/modules/imports/import.job.js";
import { registerInvitationSendJobs } from "../../src/modules/invitations/invitation-send.job.js";
import { JobRunner } from "../../src/modules/jobs/job.runner.js";
import { createSmtpMailer } from "../../src/modules/mail/mailer.js";
import { createOrganization } from "../../src/modules/organizations/organization.service.js";
import { createPartner } from "../../src/modules/partners/partner.service.js";
import { registerResponseReceivedJob } from "../../src/modules/survey-page/response-received.job.js";
import { createSurvey } from "../../src/modules/surveys/survey.service.js";
import { createWave, launchWave } from "../../src/modules/waves/wave.service.js";
import { CaptureSmtpServer } from "../../src/test-support/capture-smtp-server.js";
import { describeWithChromium, launchChromium } from "../../src/test-support/chromium.js";
import { createTestDatabase, DIALECTS, type TestDatabase } from "../../src/test-support/databases.js";

/**
 * The whole path of a partner's answer: a wave is sent through a real SMTP server, the mail is parsed,
 * its score link opened in Chromium, the score confirmed with a reason, and the answer counted.
 */
for (const dialect of DIALECTS) {
  describeWithChromium(`survey by email, end to end [${dialect}]`, () => {
    let database: TestDatabase;
    let smtp: CaptureSmtpServer;
    let browser: Browser;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let runner: JobRunner;
    let organizationId: string;
    let publicUrl: string;

    const responses = async () =>
      Number(
        (
          await database.db
            .selectFrom("responses")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("organization_id", "=", organizationId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      smtp = new CaptureSmtpServer();
      await smtp.start(0);
      const context = { config, database, clock: systemClock, logger: createLogger("silent") };
      app = await buildApp(context);
      await app.listen({ host: "127.0.0.1", port: 0 });
      publicUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      // Links are rendered from config.publicUrl; the test server's port is only known now.
      context.config = { ...config, publicUrl };
      runner = new JobRunner(database.db, { clock: systemClock, concurrency: 2 });
      registerImportJob(runner, database, systemClock);
      registerResponseReceivedJob(runner, database, systemClock);
      registerInvitationSendJobs(
        runner,
        { database, clock: systemClock },
        {
          mailer: createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`),
          publicUrl,
          mailsPerSecond: 1_000,
        },
      );
      browser = await launchChromium();

      const organization = await createOrganization(database.db, {
        name: "Contoso Cloud",
        companyName: "Contoso Cloud",
      });
      organizationId = organization.organization_id;
      const service = { db: database.db, organizationId, actor: "test", clock: systemClock };
      const partner = await createPartner(service, {
        name: "Fabrikam Integrators",
        tier: "gold",
        region: "EMEA",
      });
      for (const [name, role] of [
        ["Ana Lima", "decision_maker"],
        ["Bo Chen", "technical"],
      ] as const) {
        await createContact(service, {
          partner_id: partner.partner_id,
          name,
          role,
          email: `${name.split(" ")[0]!.toLowerCase()}@fabrikam.example`,
          language: "en",
        });
      }
      const survey = await createSurvey(service, {
        name: "Partner relationship",
        languages: ["en", "fr"],
        questions: { reason: true, drivers: ["deal_registration"], custom: [] },
      });
      const wave = await createWave(service, {
        survey_id: survey.survey_id,
        name: "Q4 relationship",
        closes_at: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      });
      const launched = await launchWave(database, service, wave.wave_id);
      expect(launched.invited).toBe(2);
      await runner.runDueJobs();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await smtp?.stop();
      await database?.destroy();
    });

    it("delivers one mail per contact through SMTP, with a link per score", async () => {
      expect(smtp.messages).toHaveLength(2);
      const mail = await simpleParser(smtp.messages[0]!.raw);
      expect(mail.subject).toContain("Contoso Cloud");
      const links = [...String(mail.html).matchAll(/href="([^"]+\/s\/[^"]+)"/g)].map((m) =>
        m[1]!.replace(/&amp;/g, "&"),
      );
      for (let score = 0; score <= 10; score++)
        expect(links.some((l) => l.endsWith(`?score=${score}`))).toBe(true);
      // Header lines may be folded onto the next line.
      expect(smtp.messages[0]!.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/127\.0\.0\.1:\d+\/u\//im);
    });

    it("a link scanner that GETs every link in every mail casts no vote", async () => {
      for (const message of smtp.messages) {
        const mail = await simpleParser(message.raw);
        const links = [...String(mail.html).matchAll(/href="([^"]+)"/g)].map((m) =>
          m[1]!.replace(/&amp;/g, "&"),
        );
        for (const link of links) {
          const response = await fetch(link, { redirect: "follow" });
          expect(response.status).toBeLessThan(500);
        }
      }
      expect(await responses()).toBe(0);
    });

    it("counts the score only once the person confirms it in the browser, with rollups updated", async () => {
      const before = await runNpsReport(database.db, organizationId, {});
      const mail = await simpleParser(smtp.messages[0]!.raw);
      const link = [...String(mail.html).matchAll(/href="([^"]+\?score=9)"/g)][0]![1]!.replace(/&amp;/g, "&");
      const page = await browser.newPage();
      await page.goto(link);
      expect(await page.locator('input[name="score"][value="9"]').isChecked()).toBe(true);
      expect(await responses()).toBe(0);
      await page.locator("textarea").first().fill("Deal registration got much faster this quarter.");
      await page.locator('button[type="submit"], input[type="submit"]').first().click();
      await page.waitForURL(/\/thanks(\?|$)/);
      expect(await responses()).toBe(1);
      const after = await runNpsReport(database.db, organizationId, {});
      expect(after.overall.n).toBe(before.overall.n + 1);
      expect(after.overall.promoters).toBe(before.overall.promoters + 1);
      const rollup = await database.db
        .selectFrom("score_rollups")
        .select((eb) => eb.fn.sum<number>("responses").as("n"))
        .where("organization_id", "=", organizationId)
        .where("dimension", "=", "all")
        .where("score", "=", 9)
        .executeTakeFirstOrThrow();
      expect(Number(rollup.n)).toBe(1);

      // A second submit of the same answers (back, then submit again) changes nothing.
      await page.goBack();
      await page.locator('button[type="submit"], input[type="submit"]').first().click();
      await page.waitForURL(/\/thanks(\?|$)/);
      expect(await responses()).toBe(1);
      expect((await runNpsReport(database.db, organizationId, {})).overall.n).toBe(after.overall.n);
      await page.close();
    });
  });
}
