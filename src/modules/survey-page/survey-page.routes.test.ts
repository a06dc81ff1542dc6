import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import { createTestApp, type TestApp } from "../../test-support/http.js";
import { linksFor } from "../invitations/invitation-links.js";
import { loadSurveyFixture, postForm, type SurveyFixture, writeCounts } from "./survey-page.fixture.js";

describeEachDialect("survey response page", (dialect) => {
  let test: TestApp;
  let fixture: SurveyFixture;

  beforeAll(async () => {
    test = await createTestApp(dialect);
    fixture = await loadSurveyFixture(test.database, test.clock);
  });
  afterAll(async () => test?.close());
  // Each test starts with full rate-limit buckets.
  beforeEach(() => test.clock.advance(61_000));

  const get = (url: string, headers: Record<string, string> = {}) =>
    test.app.inject({ method: "GET", url, headers });
  const counts = () => writeCounts(test.database.db, fixture.organizationId);
  const responseOf = (invitationId: string) =>
    test.database.db
      .selectFrom("responses")
      .selectAll()
      .where("organization_id", "=", fixture.organizationId)
      .where("invitation_id", "=", invitationId)
      .execute();

  const clickedAt = async (invitationId: string) =>
    (
      await test.database.db
        .selectFrom("invitations")
        .select("clicked_at")
        .where("organization_id", "=", fixture.organizationId)
        .where("invitation_id", "=", invitationId)
        .executeTakeFirstOrThrow()
    ).clicked_at;

  it("shows ?score=9 preselected on GET and HEAD writing no response, rollup or job (GET records the click)", async () => {
    const before = await counts();
    const { path, invitationId } = await fixture.takeOpen();
    expect((await test.app.inject({ method: "HEAD", url: `${path}?score=10` })).statusCode).toBe(200);
    expect(await clickedAt(invitationId)).toBeNull();
    const page = await get(`${path}?score=9`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toMatch(/<input type="radio" name="score" value="9" required checked>/);
    expect(page.body.match(/ checked>/g)).toHaveLength(1);
    expect(page.body).not.toContain("<script");
    expect(await clickedAt(invitationId)).not.toBeNull();
    expect(await responseOf(invitationId)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("lets a link scanner GET and HEAD every link of the email without casting a vote or unsubscribing", async () => {
    const before = await counts();
    const { invitationId } = await fixture.takeOpen();
    const links = linksFor("", fixture.organizationId, fixture.secret, invitationId);
    for (const url of [links.survey, ...links.scores, links.unsubscribe, `${links.survey}/thanks`]) {
      for (const method of ["GET", "HEAD"] as const) {
        const response = await test.app.inject({ method, url });
        expect(response.statusCode, `${method} ${url}`).toBeLessThan(400);
      }
    }
    expect(await counts()).toEqual(before);
    const invitation = await test.database.db
      .selectFrom("invitations")
      .select(["status", "responded_at", "unsubscribed_at", "clicked_at"])
      .where("organization_id", "=", fixture.organizationId)
      .where("invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ status: "sent", responded_at: null, unsubscribed_at: null });
    expect(invitation.clicked_at).not.toBeNull();
  });

  it("stores a confirmed POST as one response with its snapshot, rollups +1 and one response.received job", async () => {
    const before = await counts();
    const { path, invitationId } = await fixture.takeOpen();
    const response = await postForm(test.app, path, {
      score: "9",
      reason: "Great enablement team\r\nand fast deal registration",
      driver_enablement: "5",
      driver_profitability: "na",
      lang: "en",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${path}/thanks?lang=en`);
    const after = await counts();
    expect(after.responses).toBe(before.responses + 1);
    expect(after.rollupTotal).toBe(before.rollupTotal + 1);
    expect(after.rollupByScore[9]).toBe(before.rollupByScore[9]! + 1);
    expect(after.jobs).toBe(before.jobs + 1);

    const [row] = await responseOf(invitationId);
    const invitation = await test.database.db
      .selectFrom("invitations as i")
      .innerJoin("partners as p", (j) =>
        j.onRef("p.organization_id", "=", "i.organization_id").onRef("p.partner_id", "=", "i.partner_id"),
      )
      .innerJoin("contacts as c", (j) =>
        j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
      )
      .select(["i.status", "i.responded_at", "i.contact_id", "p.tier", "p.region", "c.role"])
      .where("i.organization_id", "=", fixture.organizationId)
      .where("i.invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      score: 9,
      category: "promoter",
      comment: "Great enablement team\nand fast deal registration",
      source: "web",
      channel: "email",
      language: "en",
      contact_id: invitation.contact_id,
      partner_tier: invitation.tier,
      partner_region: invitation.region,
      contact_role: invitation.role,
    });
    expect(JSON.parse(row!.answers)).toEqual({ drivers: { enablement: 5 }, custom: {} });
    expect(invitation.status).toBe("responded");
    expect(invitation.responded_at).toBe(row!.submitted_at);

    const jobs = await test.database.db
      .selectFrom("jobs")
      .select(["payload", "status"])
      .where("organization_id", "=", fixture.organizationId)
      .where("kind", "=", "response.received")
      .execute();
    const payloads = jobs.map((job) => JSON.parse(job.payload));
    expect(payloads).toContainEqual({
      responseId: row!.response_id,
      invitationId,
      score: 9,
      previousScore: null,
    });

    const thanks = await get(`${path}/thanks?lang=en`);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain("Thank you!");
    expect(thanks.body).toContain(`href="${path}?lang=en"`);
  });

  it("changes nothing on a second identical POST (double submit)", async () => {
    const { path, invitationId } = await fixture.takeOpen();
    const form = { score: "6", reason: "Slow MDF payments", driver_co_marketing_mdf: "2" };
    expect((await postForm(test.app, path, form)).statusCode).toBe(303);
    const [first] = await responseOf(invitationId);
    const before = await counts();
    test.clock.advance(5_000);
    expect((await postForm(test.app, path, { ...form, reason: "  Slow MDF payments " })).statusCode).toBe(
      303,
    );
    expect(await counts()).toEqual(before);
    expect(await responseOf(invitationId)).toEqual([first]);
  });

  it("edits the one response: the rollup count moves from the old score to the new, the snapshot stays", async () => {
    const { path, invitationId } = await fixture.takeOpen();
    await postForm(test.app, path, { score: "3", reason: "Support is slow" });
    const [first] = await responseOf(invitationId);
    const before = await counts();
    test.clock.advance(60_000);
    expect((await postForm(test.app, path, { score: "9", reason: "Fixed now" })).statusCode).toBe(303);
    const after = await counts();
    expect(after.responses).toBe(before.responses);
    expect(after.rollupTotal).toBe(before.rollupTotal);
    expect(after.rollupByScore[3]).toBe(before.rollupByScore[3]! - 1);
    expect(after.rollupByScore[9]).toBe(before.rollupByScore[9]! + 1);
    expect(after.jobs).toBe(before.jobs + 1);
    const [edited] = await responseOf(invitationId);
    expect(edited).toEqual({
      ...first,
      score: 9,
      category: "promoter",
      comment: "Fixed now",
      // The search text follows the edited comment (response.service derives it on every write).
      comment_search: "fixed now",
      updated_at: expect.any(String),
    });
    expect(edited!.updated_at).not.toBe(first!.updated_at);

    const page = await get(path);
    expect(page.body).toContain("You already answered. You can change your answers until");
    expect(page.body).toMatch(/value="9" required checked>/);
    expect(page.body).toContain("Fixed now</textarea>");
    expect(page.body).toContain("Update my answers");
  });

  it("answers 410 with the closed page for a closed wave and for a wave past its closing time, writing nothing", async () => {
    const before = await counts();
    const closed = await fixture.takeClosed();
    for (const response of [
      await get(closed.path),
      await get(`${closed.path}?score=10`),
      await postForm(test.app, closed.path, { score: "10" }),
      await get(`${closed.path}/thanks`),
    ]) {
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain("This survey is closed");
    }
    const open = await fixture.takeOpen();
    const now = test.clock.now();
    test.clock.advance(40 * 86_400_000);
    try {
      const late = await postForm(test.app, open.path, { score: "10" });
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain("This survey closed on");
    } finally {
      test.clock.set(new Date(now.getTime() + 61_000));
    }
    expect(await counts()).toEqual(before);
  });

  it("answers 404 with the invalid-link page to malformed, unknown and other-organization tokens", async () => {
    const { token } = await fixture.takeOpen();
    const urls = [
      `/s/${fixture.organizationId}/short`,
      `/s/${fixture.organizationId}/${"A".repeat(32)}`,
      `/s/someone-else/${token}`,
      `/s/${fixture.organizationId}/${"A".repeat(32)}/thanks`,
      `/u/${fixture.organizationId}/${"B".repeat(32)}`,
    ];
    for (const url of urls) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain("This link does not work");
    }
    const french = await get(urls[1]!, { "accept-language": "fr-CH,fr;q=0.9,en;q=0.5" });
    expect(french.body).toContain('<html lang="fr">');
    expect((await postForm(test.app, urls[1]!, { score: "5" })).statusCode).toBe(404);
  });

  it("speaks the contact's language, switches with ?lang= links that keep the token and the score", async () => {
    const { path } = await fixture.takeOpen("fr");
    const french = await get(`${path}?score=8`);
    expect(french.body).toContain('<html lang="fr">');
    expect(french.body).toContain("Quelle est la probabilité que vous recommandiez");
    expect(french.body).toContain('<a href="?score=8&amp;lang=de" hreflang="de" lang="de">Deutsch</a>');
    const german = await get(`${path}?score=8&lang=de`);
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain("Wie wahrscheinlich ist es");
    expect(german.body).toMatch(/value="8" required checked>/);
    const unknown = await get(`${path}?lang=xx`);
    expect(unknown.body).toContain('<html lang="fr">');
  });

  it("rejects a score of 11, 'abc' or none with 400 and messages tied to their fields, keeping the answers", async () => {
    const before = await counts();
    const { path } = await fixture.takeOpen();
    for (const score of ["11", "abc", undefined, "9.0", "-1"]) {
      const form: Record<string, string> = { reason: "Kept <b>as typed</b>", driver_enablement: "4" };
      if (score !== undefined) form.score = score;
      const response = await postForm(test.app, path, form);
      expect(response.statusCode, String(score)).toBe(400);
      expect(response.body).toContain('role="alert"');
      expect(response.body).toContain(
        '<p class="error" id="score-error">Please choose a score from 0 to 10.</p>',
      );
      expect(response.body).toContain('aria-describedby="score-anchors score-error" aria-invalid="true"');
      expect(response.body).toContain("Kept &lt;b&gt;as typed&lt;/b&gt;</textarea>");
      expect(response.body).toMatch(/name="driver_enablement" value="4" checked>/);
    }
    const tooLong = await postForm(test.app, path, {
      score: "7",
      reason: "x".repeat(5_001),
      driver_enablement: "9",
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain("Please shorten this answer to 5,000 characters or fewer.");
    expect(tooLong.body).toContain('id="driver_enablement-error"');
    expect((await postForm(test.app, path, { score: "7", reason: "x".repeat(5_000) })).statusCode).toBe(303);
    expect((await counts()).responses).toBe(before.responses + 1);
  });

  it("redirects the thank-you page to the form while nothing was answered, without writing", async () => {
    const before = await counts();
    const { path } = await fixture.takeOpen("es");
    const response = await get(`${path}/thanks`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${path}?lang=es`);
    expect(await counts()).toEqual(before);
  });

  it("says answers are anonymous on an anonymous survey and marks the stored answers, keeping the contact", async () => {
    const { path, invitationId } = await fixture.takeOpen();
    const { survey_id } = await test.database.db
      .selectFrom("invitations")
      .select("survey_id")
      .where("organization_id", "=", fixture.organizationId)
      .where("invitation_id", "=", invitationId)
      .executeTakeFirstOrThrow();
    const setAnonymous = (anonymous: 0 | 1) =>
      test.database.db
        .updateTable("surveys")
        .set({ anonymous })
        .where("organization_id", "=", fixture.organizationId)
        .where("survey_id", "=", survey_id)
        .execute();
    await setAnonymous(1);
    try {
      expect((await get(path)).body).toContain("Your answers are anonymous");
      await postForm(test.app, path, { score: "4" });
      const [row] = await responseOf(invitationId);
      expect(JSON.parse(row!.answers)).toMatchObject({ anonymous: true });
      expect(row!.contact_id).not.toBeNull();
    } finally {
      await setAnonymous(0);
    }
  });
});
