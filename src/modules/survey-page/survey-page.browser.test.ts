import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { translator } from "../../core/i18n/index.js";
import { surveyQuestionsSchema } from "../../core/survey/questions.js";
import {
  type AccessibilityViolation,
  accessibilityViolations,
  describeWithChromium,
  launchChromium,
} from "../../test-support/chromium.js";
import { createTestApp, type TestApp } from "../../test-support/http.js";
import { renderSurveyForm } from "./survey-form.page.js";
import { renderMessagePage } from "./survey-layout.page.js";
import { loadSurveyFixture, postForm, type SurveyFixture } from "./survey-page.fixture.js";

const VIEWPORTS = [
  { name: "phone", width: 375, height: 740 },
  { name: "desktop", width: 1280, height: 900 },
];

describeWithChromium("survey page in Chromium", () => {
  let test: TestApp;
  let fixture: SurveyFixture;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    test = await createTestApp("sqlite");
    fixture = await loadSurveyFixture(test.database, test.clock);
    await test.app.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });
  beforeEach(() => test.clock.advance(61_000));

  /** Opens a URL and checks the status the page answered with. */
  async function open(page: Page, path: string, status: number): Promise<void> {
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status(), path).toBe(status);
  }

  /** Clicks and waits for the page the click loads, returning its status. */
  async function submit(page: Page, selector: string): Promise<number | undefined> {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    return response?.status();
  }

  it("runs axe for real: a page known to break the rules reports violations", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent("<html><body><input type=text><p style='color:#bbb'>faint</p></body></html>");
    const rules = (await accessibilityViolations(page)).map((violation) => violation.rule);
    expect(rules).toEqual(expect.arrayContaining(["html-has-lang", "label", "color-contrast"]));
    await context.close();
  });

  it("has no WCAG 2.1 A/AA violations in any page state, on a phone and a desktop", async () => {
    const found: (AccessibilityViolation & { state: string })[] = [];
    for (const viewport of VIEWPORTS) {
      const context: BrowserContext = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      const check = async (state: string) => {
        for (const violation of await accessibilityViolations(page))
          found.push({ ...violation, state: `${state} @${viewport.width}` });
        // Mobile first: nothing scrolls sideways, whatever the width.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${state} @${viewport.width}`).toBeLessThanOrEqual(0);
      };
      const fresh = await fixture.takeOpen();
      const answered = await fixture.takeOpen();
      await postForm(test.app, answered.path, {
        score: "6",
        reason: "Slow deal registration",
        driver_enablement: "3",
      });

      await open(page, fresh.path, 200);
      await check("form");
      const target = await page.locator(".scale .opt span").first().boundingBox();
      expect(target?.height).toBeGreaterThanOrEqual(44);
      await open(page, `${fresh.path}?score=9`, 200);
      await check("form with preselected score");
      await open(page, fresh.path, 200);
      expect(await submit(page, "button[type=submit]")).toBe(400);
      await check("validation errors");
      await open(page, answered.path, 200);
      await check("edit");
      await open(page, `${answered.path}/thanks`, 200);
      await check("thanks");
      await open(page, (await fixture.takeClosed()).path, 410);
      await check("closed");
      await open(page, `/s/${fixture.organizationId}/${"A".repeat(32)}`, 404);
      await check("invalid");
      await open(page, `/u/${fixture.organizationId}/${fresh.token}`, 200);
      await check("unsubscribe confirm");
      expect(await submit(page, "button[type=submit]")).toBe(200);
      await check("unsubscribed");
      const t = translator("en");
      await page.setContent(
        renderMessagePage({ language: "en", title: t("ratelimited.title"), message: t("ratelimited.body") }),
      );
      await check("too many requests");
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it("has no violations on custom questions of every type, with their errors, in a language they lack", async () => {
    const choice = (id: string) => ({ id, label: { en: id.toUpperCase() } });
    const questions = surveyQuestionsSchema.parse({
      drivers: ["enablement"],
      custom: [
        {
          id: "region",
          type: "single",
          required: true,
          text: { en: "Region?", fr: "Région ?" },
          options: [choice("emea"), choice("apac")],
        },
        { id: "tools", type: "multiple", text: { en: "Tools?" }, options: [choice("crm"), choice("lms")] },
        { id: "portal", type: "rating", scale: 4, required: true, text: { en: "Rate the portal" } },
        { id: "wish", type: "text", text: { en: "One wish?" } },
      ],
    });
    const page = await (await browser.newContext({ bypassCSP: true, viewport: VIEWPORTS[0]! })).newPage();
    await page.setContent(
      renderSurveyForm({
        language: "fr",
        languages: { current: "fr", offered: ["en", "fr"] },
        action: "/s/x/y",
        company: "Northwind",
        partner: "Contoso",
        anonymous: true,
        questions,
        values: { score: null, reason: "", drivers: {}, custom: { tools: ["crm"] } },
        errors: [
          { field: "q_region", problem: "answer_required" },
          { field: "q_portal", problem: "choose_option" },
          { field: "q_wish", problem: "too_long", max: 2_000 },
        ],
        editNotice: null,
      }),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.locator('legend:has-text("Tools?") span[lang="en"]').count()).toBe(1);
    await page.context().close();
  });

  it("lets a person without JavaScript confirm the emailed score with keyboard and clicks, and stores it", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORTS[0]! });
    const page = await context.newPage();
    const link = await fixture.takeOpen();
    await open(page, `${link.path}?score=9`, 200);
    const score = (value: number) => page.locator(`input[name=score][value="${value}"]`);
    expect(await score(9).isChecked()).toBe(true);

    // Arrow keys move the choice inside the radio group; Tab leaves it for the reason field.
    await score(9).focus();
    await page.keyboard.press("ArrowRight");
    expect(await score(10).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Our partner manager answers within hours");
    await page.locator('input[name=driver_enablement][value="4"]').click();
    await page.locator('input[name=driver_profitability][value="na"]').click();
    await page.locator("button[type=submit]").focus();
    const [thanks] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(thanks?.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}${link.path}/thanks?lang=en`);
    expect(await page.locator("h1").textContent()).toBe("Thank you!");

    const stored = await test.database.db
      .selectFrom("responses")
      .select(["score", "comment", "answers", "source"])
      .where("organization_id", "=", fixture.organizationId)
      .where("invitation_id", "=", link.invitationId)
      .execute();
    expect(stored).toEqual([
      {
        score: 10,
        comment: "Our partner manager answers within hours",
        answers: JSON.stringify({ drivers: { enablement: 4 }, custom: {} }),
        source: "web",
      },
    ]);

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("link", { name: "Change my answers" }).click(),
    ]);
    expect(await score(10).isChecked()).toBe(true);
    expect(await page.locator("main").textContent()).toContain("You already answered.");
    await context.close();
  });
});
