import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  createTenant,
  createTestApp,
  sessionHeaders,
  signIn,
  type TestApp,
} from "../../test-support/http.js";
import { closeSharedMailers } from "../mail/mailer.js";

describeEachDialect("mail test", (dialect) => {
  let smtp: CaptureSmtpServer;
  let test: TestApp | undefined;

  beforeAll(async () => {
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
  });
  afterEach(async () => {
    await test?.close();
    await closeSharedMailers();
  });
  afterAll(async () => smtp?.stop());

  it("sends a test mail through SMTP for an admin and reports the transport", async () => {
    test = await createTestApp(dialect, { config: { smtpUrl: smtp.url } });
    const tenant = await createTenant(test.database.db, "Mail Test Org");
    const admin = await signIn(test, { organizationId: tenant.organizationId, role: "admin" });
    const response = await test.app.inject({
      method: "POST",
      url: "/api/v1/settings/mail-test",
      headers: sessionHeaders(admin),
      payload: { to: "ops@example.com" },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ transport: string; messageId: string }>();
    expect(body.transport).toBe("smtp");
    const received = smtp.to("ops@example.com");
    expect(received).toHaveLength(1);
    expect(received[0]!.messageId).toBe(body.messageId);
    expect((await smtp.parse(received[0]!)).subject).toBe("Partner NPS test mail");
  });

  it("explains a refused recipient instead of failing with 500", async () => {
    test = await createTestApp(dialect, { config: { smtpUrl: smtp.url } });
    smtp.rejectRecipient = (address) => (address === "nobody@example.com" ? 550 : null);
    const tenant = await createTenant(test.database.db, "Mail Fail Org");
    const admin = await signIn(test, { organizationId: tenant.organizationId, role: "admin" });
    const response = await test.app.inject({
      method: "POST",
      url: "/api/v1/settings/mail-test",
      headers: sessionHeaders(admin),
      payload: { to: "nobody@example.com" },
    });
    smtp.rejectRecipient = () => null;
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: "mail_failed", details: { responseCode: 550 } } });
  });
});
