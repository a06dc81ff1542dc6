import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hashPassword } from "../modules/auth/password.js";
import { loadDemoOrganization } from "../modules/demo/demo.service.js";
import { accessibilityViolations, describeWithChromium, launchChromium } from "../test-support/chromium.js";
import { DIALECTS } from "../test-support/databases.js";
import { createTestApp, type SignedInUser, signIn, type TestApp } from "../test-support/http.js";
import { ensureWebBuild } from "../test-support/web-build.js";

const ADMIN_EMAIL = "ada@example.test";
const ADMIN_PASSWORD = "correct horse battery";

interface Headline {
  nps: { nps_rounded: number; n: number };
}

/** The single-page dashboard in real Chromium against the real server: sign-in gate, overview, partners. */
for (const dialect of DIALECTS) {
  describeWithChromium(`web dashboard in the browser [${dialect}]`, () => {
    let test: TestApp;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let base: string;
    let admin: SignedInUser;
    let organizationId: string;

    const apiGet = async <T>(url: string): Promise<T> => {
      const response = await test.app.inject({ method: "GET", url, headers: { cookie: admin.cookie } });
      expect(response.statusCode).toBe(200);
      return response.json() as T;
    };

    beforeAll(async () => {
      ensureWebBuild();
      test = await createTestApp(dialect);
      const demo = await loadDemoOrganization(test.database, { seed: 7, partners: 40, clock: test.clock });
      organizationId = demo.organization.organization_id;
      admin = await signIn(test, { organizationId, role: "admin", name: "Ada Admin", email: ADMIN_EMAIL });
      // A password makes the installation "set up" and lets the sign-in form be used for real.
      await test.database.db
        .updateTable("users")
        .set({ password_hash: await hashPassword(ADMIN_PASSWORD) })
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", admin.userId)
        .execute();
      await test.app.listen({ host: "127.0.0.1", port: 0 });
      base = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const [name, value] = admin.cookie.split("=");
      await context.addCookies([{ name: name!, value: value!, url: base }]);
      page = await context.newPage();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await test?.close();
    });

    const settle = async () => {
      await page.waitForLoadState("networkidle");
      await page.waitForFunction(() => !document.querySelector(".state-loading"));
    };

    it("sends a visitor without a session to sign in, then back to the page they asked for", async () => {
      const anonymous = await browser.newContext();
      const visitor = await anonymous.newPage();
      await visitor.goto(`${base}/app/partners?tier=gold`);
      await visitor.waitForURL(/\/app\/login/);
      expect(new URL(visitor.url()).searchParams.get("next")).toBe("/app/partners?tier=gold");
      await visitor.getByLabel("Email").fill(ADMIN_EMAIL);
      await visitor.getByLabel("Password").fill("not the password");
      await visitor.getByRole("button", { name: "Sign in" }).click();
      await visitor.getByRole("alert").filter({ hasText: "The email or password is not right." }).waitFor();
      await visitor.getByLabel("Password").fill(ADMIN_PASSWORD);
      await visitor.getByRole("button", { name: "Sign in" }).click();
      await visitor.waitForURL(`${base}/app/partners?tier=gold`);
      await visitor.getByRole("heading", { name: "Partners", level: 1 }).waitFor();
      await expect(visitor.getByRole("button", { name: "Ada Admin" }).isVisible()).resolves.toBe(true);
      await anonymous.close();
    });

    it("shows the headline NPS the API computes, and follows a tier filter through the URL", async () => {
      const all = await apiGet<Headline>("/api/v1/analytics/headline");
      await page.goto(`${base}/app/`);
      await settle();
      await expect(page.locator(".headline-card .figure-value").textContent()).resolves.toBe(
        String(all.nps.nps_rounded).replace("-", "−"),
      );
      await expect(page.locator(".headline-card").textContent()).resolves.toContain(
        `n = ${all.nps.n.toLocaleString("en")}`,
      );

      await page.getByLabel("Tier").first().selectOption("gold");
      await page.waitForURL(/tier=gold/);
      await settle();
      const gold = await apiGet<Headline>("/api/v1/analytics/headline?tier=gold");
      expect(gold.nps.n).toBeLessThan(all.nps.n);
      // The previous figure stays on screen while the filtered one loads.
      await expect
        .poll(() => page.locator(".headline-card").textContent())
        .toContain(`n = ${gold.nps.n.toLocaleString("en")}`);
    });

    it("offers every chart as a table: the trend table lists one row per quarter", async () => {
      const trend = await apiGet<{ lines: { points: { period: string }[] }[] }>(
        "/api/v1/analytics/trend?period=quarter",
      );
      await page.goto(`${base}/app/`);
      await settle();
      const trendCard = page.locator("section", {
        has: page.getByRole("heading", { name: "NPS by quarter" }),
      });
      await expect(trendCard.locator("svg").count()).resolves.toBeGreaterThan(0);
      await trendCard.getByRole("button", { name: "Show as table" }).click();
      const periods = await trendCard.locator("tbody tr td:first-child").allTextContents();
      expect(periods).toEqual(trend.lines[0]!.points.map((p) => p.period));
      await expect(
        trendCard.getByRole("button", { name: "Show as chart" }).getAttribute("aria-pressed"),
      ).resolves.toBe("true");
    });

    it("sorts the partners table on the server by NPS and opens a partner's scorecard", async () => {
      const table = await apiGet<{ items: { partnerId: string; name: string }[]; total: number }>(
        "/api/v1/partners/table?sort=nps&order=desc&pageSize=50",
      );
      await page.goto(`${base}/app/partners`);
      await settle();
      await page.getByRole("button", { name: "NPS and interval" }).click();
      await page.waitForURL(/sort=nps&order=desc/);
      await settle();
      const header = page.locator("th", { has: page.getByRole("button", { name: "NPS and interval" }) });
      await expect(header.getAttribute("aria-sort")).resolves.toBe("descending");
      // The previous page of rows stays on screen until the sorted one arrives.
      await expect
        .poll(() => page.locator("tbody tr td:first-child a").allTextContents())
        .toEqual(table.items.map((item) => item.name));

      await page.getByRole("link", { name: table.items[0]!.name, exact: true }).click();
      await page.waitForURL(new RegExp(`/app/partners/${table.items[0]!.partnerId}$`));
      await settle();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(table.items[0]!.name);
      await expect(page.getByRole("heading", { name: "Contacts by role" }).isVisible()).resolves.toBe(true);
    });

    it("has no WCAG 2.1 AA violations on the overview, partners and scorecard pages", async () => {
      const { items } = await apiGet<{ items: { partnerId: string }[] }>("/api/v1/partners/table?pageSize=1");
      for (const url of ["/app/", "/app/partners", `/app/partners/${items[0]!.partnerId}`]) {
        await page.goto(`${base}${url}`);
        await settle();
        expect({ url, violations: await accessibilityViolations(page) }).toEqual({ url, violations: [] });
      }
    });

    it("fits a 375 px wide phone without sideways scrolling of the page", async () => {
      const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
      const [name, value] = admin.cookie.split("=");
      await phone.addCookies([{ name: name!, value: value!, url: base }]);
      const small = await phone.newPage();
      for (const url of ["/app/", "/app/partners"]) {
        await small.goto(`${base}${url}`);
        await small.waitForLoadState("networkidle");
        await small.waitForFunction(() => !document.querySelector(".state-loading"));
        const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ url, overflow }).toEqual({ url, overflow: 0 });
      }
      await small.getByRole("button", { name: "Menu" }).click();
      await expect(
        small.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Waves" }).isVisible(),
      ).resolves.toBe(true);
      await phone.close();
    });
  });
}
