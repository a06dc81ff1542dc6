import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import { auditActions, createTestApp, type TestApp } from "../../test-support/http.js";
import { JobRunner } from "../jobs/job.runner.js";
import { registerResponseReceivedJob } from "./response-received.job.js";
import { loadSurveyFixture, postForm, type SurveyFixture, writeCounts } from "./survey-page.fixture.js";

const PAGE_LIMIT_BYTES = 20 * 1024;

describeEachDialect("survey page: unsubscribe, rate limits, page weight, follow-up job", (dialect) => {
  let test: TestApp;
  let fixture: SurveyFixture;

  beforeAll(async () => {
    test = await createTestApp(dialect);
    fixture = await loadSurveyFixture(test.database, test.clock);
  });
  afterAll(async () => test?.close());
  beforeEach(() => test.clock.advance(61_000));

  const get = (url: string) => test.app.inject({ method: "GET", url });
  const unsubscribeUrl = (token: string) => `/u/${fixture.organizationId}/${token}`;
  const unsubscribeState = (invitationId: string) =>
    test.database.db
      .selectFrom("invitations as i")
      .innerJoin("contacts as c", (j) =>
        j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
      )
      .select(["c.contact_id", "c.unsubscribed_at as contact", "i.unsubscribed_at as invitation"])
      .where("i.organization_id", "=", fixture.organizationId)
      .where("i.invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();

  it("shows the unsubscribe confirmation on GET without writing; POST unsubscribes once, idempotently", async () => {
    const { token, invitationId } = await fixture.takeOpen();
    const confirm = await get(unsubscribeUrl(token));
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("Stop receiving partner surveys");
    expect(confirm.body).toContain('<form method="post">');
    expect(await unsubscribeState(invitationId)).toMatchObject({ contact: null, invitation: null });

    const done = await postForm(test.app, unsubscribeUrl(token), { lang: "en" });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("You are unsubscribed.");
    const first = await unsubscribeState(invitationId);
    expect(first.contact).toBe(test.clock.now().toISOString());
    expect(first.invitation).toBe(first.contact);

    test.clock.advance(1_000);
    expect((await postForm(test.app, unsubscribeUrl(token), {})).statusCode).toBe(200);
    expect(await unsubscribeState(invitationId)).toEqual(first);
    const audit = await auditActions(test.database.db, fixture.organizationId, first.contact_id);
    expect(audit.filter((entry) => entry.action === "contact.unsubscribed")).toHaveLength(1);
    expect((await get(unsubscribeUrl(token))).body).toContain("You are unsubscribed.");
  });

  it("accepts the RFC 8058 one-click POST, form-encoded or multipart", async () => {
    for (const contentType of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const { token, invitationId } = await fixture.takeOpen();
      const payload = contentType.startsWith("multipart")
        ? '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n'
        : "List-Unsubscribe=One-Click";
      const response = await test.app.inject({
        method: "POST",
        url: unsubscribeUrl(token),
        headers: { "content-type": contentType },
        payload,
      });
      expect(response.statusCode, contentType).toBe(200);
      expect((await unsubscribeState(invitationId)).contact).not.toBeNull();
    }
  });

  it("answers 429 with Retry-After and the too-many-requests page past 10 POSTs a minute for one link", async () => {
    const { path } = await fixture.takeOpen();
    for (let i = 0; i < 10; i++)
      expect((await postForm(test.app, path, { score: "x" })).statusCode).toBe(400);
    const limited = await postForm(test.app, path, { score: "8" });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toContain("Too many requests");
    expect(Buffer.byteLength(limited.body)).toBeLessThanOrEqual(PAGE_LIMIT_BYTES);
    // Another link from the same address still gets through; the limited one again after a while.
    expect((await postForm(test.app, (await fixture.takeOpen()).path, { score: "x" })).statusCode).toBe(400);
    test.clock.advance(Number(limited.headers["retry-after"]) * 1_000);
    expect((await postForm(test.app, path, { score: "8" })).statusCode).toBe(303);
  });

  it("applies no limits with SURVEY_RATE_LIMITS=off (surveyRateLimits false, the benchmark's switch)", async () => {
    const unlimited = await createTestApp(dialect, { config: { surveyRateLimits: false } });
    try {
      const own = await loadSurveyFixture(unlimited.database, unlimited.clock);
      const { path } = await own.takeOpen();
      for (let i = 0; i < 12; i++)
        expect((await postForm(unlimited.app, path, { score: "x" })).statusCode).toBe(400);
      expect((await postForm(unlimited.app, path, { score: "8" })).statusCode).toBe(303);
      for (let i = 0; i < 61; i++)
        expect((await unlimited.app.inject({ method: "GET", url: path })).statusCode).toBe(200);
    } finally {
      await unlimited.close();
    }
  });

  it("answers 429 past 60 page views a minute for one link", async () => {
    const { path } = await fixture.takeOpen();
    for (let i = 0; i < 60; i++) expect((await get(path)).statusCode).toBe(200);
    expect((await get(path)).statusCode).toBe(429);
    expect((await get(`${path}/thanks`)).statusCode).toBe(429);
  });

  it("answers a body it cannot read with an HTML page, not the API's JSON, and writes nothing", async () => {
    const before = await writeCounts(test.database.db, fixture.organizationId);
    const { path } = await fixture.takeOpen();
    const post = (contentType: string, payload: string) =>
      test.app.inject({ method: "POST", url: path, headers: { "content-type": contentType }, payload });
    for (const [response, status] of [
      [await post("application/xml", "<score>9</score>"), 415],
      [await post("application/x-www-form-urlencoded", `score=9&reason=${"x".repeat(600_000)}`), 413],
    ] as const) {
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.body).toContain("Something went wrong");
    }
    expect(await writeCounts(test.database.db, fixture.organizationId)).toEqual(before);
  });

  it("never writes a link token into the logs, yet logs each request by its route", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await createTestApp(dialect, { logger: pino({ level: "info" }, stream) });
    try {
      const own = await loadSurveyFixture(logged.database, logged.clock);
      const link = await own.takeOpen();
      await logged.app.inject({ method: "GET", url: `${link.path}?score=9` });
      await postForm(logged.app, link.path, { score: "9" });
      await logged.app.inject({ method: "GET", url: `/u/${own.organizationId}/${link.token}` });
      const text = lines.join("");
      expect(text).toContain('"route":"/s/:organizationId/:token"');
      expect(text).not.toContain(link.token);
    } finally {
      await logged.close();
    }
  });

  it("writes one response and one job when the same answer is posted twice at once", async () => {
    const before = await writeCounts(test.database.db, fixture.organizationId);
    const { path } = await fixture.takeOpen();
    const statuses = await Promise.all([
      postForm(test.app, path, { score: "2", reason: "Twice" }),
      postForm(test.app, path, { score: "2", reason: "Twice" }),
    ]);
    expect(statuses.map((response) => response.statusCode)).toEqual([303, 303]);
    const after = await writeCounts(test.database.db, fixture.organizationId);
    expect(after.responses - before.responses).toBe(1);
    expect(after.rollupTotal - before.rollupTotal).toBe(1);
    expect(after.jobs - before.jobs).toBe(1);
  });

  it("records a response.received audit entry when the job runs", async () => {
    const { path, invitationId } = await fixture.takeOpen();
    await postForm(test.app, path, { score: "5" });
    const runner = new JobRunner(test.database.db, { clock: test.clock });
    registerResponseReceivedJob(runner, test.database, test.clock);
    const summary = await runner.runDueJobs();
    expect(summary.dead).toBe(0);
    expect(summary.done).toBeGreaterThanOrEqual(1);
    const response = await test.database.db
      .selectFrom("responses")
      .select("response_id")
      .where("organization_id", "=", fixture.organizationId)
      .where("invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();
    const audit = await auditActions(test.database.db, fixture.organizationId, response.response_id);
    expect(audit).toEqual([
      {
        action: "response.received",
        actor: "system",
        details: expect.objectContaining({ invitationId, score: 5, previousScore: null }),
      },
    ]);
  });

  // The person's own text is echoed back in the error and edit states: budgeted here at the 5,000-character
  // maximum in single-byte characters (accented or non-Latin text at that length can pass 20 KB).
  it("keeps every page state within 20 KB, the echoed 5,000-character reason included", async () => {
    const open = await fixture.takeOpen();
    const closed = await fixture.takeClosed();
    const answered = await fixture.takeOpen();
    await postForm(test.app, answered.path, {
      score: "10",
      reason: "r".repeat(5_000),
      driver_enablement: "5",
    });
    const states: Record<string, () => ReturnType<typeof get>> = {
      form: () => get(open.path),
      "form with score": () => get(`${open.path}?score=7`),
      "validation errors": () =>
        postForm(test.app, open.path, { score: "11", reason: "e".repeat(5_001), driver_enablement: "0" }),
      edit: () => get(answered.path),
      thanks: () => get(`${answered.path}/thanks`),
      closed: () => get(closed.path),
      invalid: () => get(`/s/${fixture.organizationId}/${"A".repeat(32)}`),
      "unsubscribe confirm": () => get(unsubscribeUrl(open.token)),
      unsubscribed: () => postForm(test.app, unsubscribeUrl(open.token), {}),
    };
    const sizes: Record<string, number> = {};
    for (const [state, load] of Object.entries(states)) {
      const response = await load();
      expect(response.statusCode, state).toBeLessThan(500);
      sizes[state] = Buffer.byteLength(response.rawPayload);
      expect(sizes[state], state).toBeLessThanOrEqual(PAGE_LIMIT_BYTES);
    }
    console.info(`survey page sizes (bytes, ${dialect}):`, sizes);
  });
});
