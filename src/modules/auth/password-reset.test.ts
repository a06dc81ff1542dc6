import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  createTenant,
  createTestApp,
  type ErrorBody,
  sessionHeaders,
  signIn,
  type TestApp,
} from "../../test-support/http.js";
import { JobRunner } from "../jobs/job.runner.js";
import { createSmtpMailer, type Mailer } from "../mail/mailer.js";
import { registerPasswordResetJob } from "./password-reset.job.js";

const PUBLIC_URL = "https://nps.example.com";

describeEachDialect("password reset by mail", (dialect) => {
  let test: TestApp;
  let smtp: CaptureSmtpServer;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = new CaptureSmtpServer();
    await smtp.start(0);
    mailer = createSmtpMailer(smtp.url, { maxConnections: 1 });
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.stop();
  });
  beforeEach(async () => {
    smtp.messages.length = 0;
    test = await createTestApp(dialect, { config: { publicUrl: PUBLIC_URL } });
  });
  afterEach(async () => test?.close());

  async function runJobs() {
    const runner = new JobRunner(test.database.db, { clock: test.clock, concurrency: 1 });
    registerPasswordResetJob(
      runner,
      {
        database: test.database,
        clock: test.clock,
        config: { smtpUrl: smtp.url, outboxDir: "unused", publicUrl: PUBLIC_URL },
      },
      { mailer },
    );
    return runner.runDueJobs();
  }

  async function linkTokenIn(address: string, index = 0): Promise<{ token: string; subject: string }> {
    const mails = smtp.to(address);
    expect(mails.length).toBeGreaterThan(index);
    const parsed = await smtp.parse(mails[index]!);
    const match =
      /https:\/\/nps\.example\.com\/app\/reset-password\?token=([0-9a-z]{26}_[A-Za-z0-9_-]{43})/.exec(
        parsed.text ?? "",
      );
    expect(match, parsed.text).not.toBeNull();
    return { token: match![1]!, subject: parsed.subject ?? "" };
  }

  function post(url: string, payload: object) {
    return test.app.inject({ method: "POST", url, payload });
  }

  it("mails a set-password link to a new user; the link works once and signs-in works after", async () => {
    const tenant = await createTenant(test.database.db, "Mail Org");
    const admin = await signIn(test, { organizationId: tenant.organizationId, role: "admin" });
    const created = await test.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: sessionHeaders(admin),
      payload: { email: "new.analyst@example.com", name: "New Analyst", role: "analyst" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: "new.analyst@example.com",
      role: "analyst",
      disabled: false,
    });
    expect(smtp.messages).toHaveLength(0); // the mail goes through the job runner, not the request
    expect(await runJobs()).toMatchObject({ done: 1, dead: 0 });
    const { token, subject } = await linkTokenIn("new.analyst@example.com");
    expect(subject).toBe("Set your password for Mail Org Partner NPS");
    // Neither the token nor the job payload holds a usable token.
    const stored = await test.database.db.selectFrom("password_resets").selectAll().execute();
    expect(stored).toHaveLength(1);
    const jobs = await test.database.db.selectFrom("jobs").select("payload").execute();
    expect(JSON.stringify([stored, jobs])).not.toContain(token.split("_")[1]);

    const confirm = await post("/api/v1/auth/password-reset/confirm", {
      token,
      password: "brand new secret",
    });
    expect(confirm.statusCode).toBe(204);
    const login = await post("/api/v1/auth/login", {
      email: "new.analyst@example.com",
      password: "brand new secret",
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ user: { role: "analyst" } });

    const reuse = await post("/api/v1/auth/password-reset/confirm", { token, password: "another secret!" });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json<ErrorBody>().error.details?.issues?.[0]?.field).toBe("token");
  });

  it("answers 202 for any email, mails only existing accounts, and the link expires after one hour", async () => {
    const tenant = await createTenant(test.database.db, "Reset Org");
    const user = await signIn(test, {
      organizationId: tenant.organizationId,
      role: "viewer",
      email: "vic@example.com",
    });
    const unknown = await post("/api/v1/auth/password-reset", { email: "ghost@example.com" });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual({});
    const known = await post("/api/v1/auth/password-reset", { email: "VIC@example.com" });
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual({});
    expect(await runJobs()).toMatchObject({ done: 1 });
    expect(smtp.messages.map((m) => m.recipients)).toEqual([["vic@example.com"]]);
    const { token, subject } = await linkTokenIn("vic@example.com");
    expect(subject).toBe("Set your password for Reset Org Partner NPS");

    test.clock.advance(3_600_000);
    const late = await post("/api/v1/auth/password-reset/confirm", { token, password: "too late secret" });
    expect(late.statusCode).toBe(400);
    // The user's open session survives a failed reset…
    expect(
      (await test.app.inject({ url: "/api/v1/auth/session", headers: { cookie: user.cookie } })).statusCode,
    ).toBe(200);

    // …and ends with a successful one.
    await post("/api/v1/auth/password-reset", { email: "vic@example.com" });
    await runJobs();
    const fresh = await linkTokenIn("vic@example.com", 1);
    test.clock.advance(3_600_000 - 1);
    expect(
      (await post("/api/v1/auth/password-reset/confirm", { token: fresh.token, password: "in time secret" }))
        .statusCode,
    ).toBe(204);
    expect(
      (await test.app.inject({ url: "/api/v1/auth/session", headers: { cookie: user.cookie } })).statusCode,
    ).toBe(401);
  });

  it("does not mail a link that expired before the job ran", async () => {
    const tenant = await createTenant(test.database.db, "Slow Org");
    await signIn(test, { organizationId: tenant.organizationId, role: "viewer", email: "slow@example.com" });
    await post("/api/v1/auth/password-reset", { email: "slow@example.com" });
    test.clock.advance(3_600_000);
    expect(await runJobs()).toMatchObject({ done: 1 });
    expect(smtp.messages).toHaveLength(0);
  });

  it("rejects malformed and forged tokens", async () => {
    const tenant = await createTenant(test.database.db, "Forge Org");
    for (const token of ["abc", `${tenant.organizationId}_${"A".repeat(43)}`]) {
      const response = await post("/api/v1/auth/password-reset/confirm", {
        token,
        password: "whatever secret",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.code).toBe("validation_failed");
    }
  });
});
