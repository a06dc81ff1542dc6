import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Cookie, Download, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DialectName } from "../../src/db/database.js";
import { resetToken } from "../../src/modules/auth/password-reset.service.js";
import { describeWithChromium, launchChromium } from "../../src/test-support/chromium.js";
import { DIALECTS } from "../../src/test-support/databases.js";
import { createTestApp, type TestApp } from "../../src/test-support/http.js";
import { ensureWebBuild } from "../../src/test-support/web-build.js";

const SCREENSHOT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "docs",
  "screenshots",
);
/** Screenshots come from one dialect only: the pages look the same on both. */
const SCREENSHOT_DIALECT: DialectName = "sqlite";
/** Longer pages are cut here: nobody reads a screenshot taller than a few screens. */
const MAX_SHOT_HEIGHT = 6_000;

const ADMIN = { organization: "Contoso Partner Program", name: "Ada Admin", email: "ada@contoso.example" };
const ADMIN_PASSWORD = "correct horse battery";
const MANAGER = { name: "Manny Manager", email: "manny@contoso.example", password: "staple battery horse" };

/** The columns of a responses export, as documented for people opening the file. */
const EXPORT_HEADERS = [
  "Responded at",
  "Partner",
  "Tier",
  "Contact",
  "Role",
  "Score",
  "Category",
  "Comment",
  "Survey",
  "Wave",
  "Language",
  "Response id",
  "Partner id",
];

interface NpsFigure {
  n: number;
  nps: number | null;
  nps_rounded: number | null;
  effective_n: number;
  weighting: string;
  interval: { low: number; high: number } | null;
}
interface CoverageFigures {
  delivered: number;
  responded: number;
  response_rate: number | null;
  partners_invited: number;
  partners_responded: number;
  partner_coverage: number | null;
  revenue_invited: number;
  revenue_responded: number;
  revenue_coverage: number | null;
}
interface Headline {
  nps: NpsFigure;
  coverage: CoverageFigures;
}
interface Coverage {
  overall: CoverageFigures;
  silent_strategic_partners: { partner_id: string }[];
}
interface PartnerRow {
  partnerId: string;
  name: string;
  n: number;
}
interface Listing<T> {
  items: T[];
  total: number;
}

// The expected display is written out here, not imported from the web app: the test is the oracle.
/** Whole numbers with the typographic minus (U+2212) the dashboard uses. */
const score = (value: number): string => {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded < 0 ? `\u2212${-rounded}` : String(rounded);
};
const integer = (value: number): string => value.toLocaleString("en", { maximumFractionDigits: 0 });
const percent = (share: number | null): string => (share === null ? "–" : `${(share * 100).toFixed(0)} %`);
const money = (value: number): string =>
  new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(value);

/** What the headline card must show for one API answer. */
function expectedHeadline(headline: Headline) {
  const { nps, coverage } = headline;
  const interval = nps.interval!;
  const weighted = nps.weighting !== "responses" || Math.abs(nps.effective_n - nps.n) > 0.5;
  return {
    value: score(nps.nps!),
    margin: `± ${((interval.high - interval.low) / 2).toFixed(1)}`,
    range: `Range ${score(interval.low)} to ${score(interval.high)}`,
    n: `n = ${integer(nps.n)}${weighted ? ` (effective ${integer(nps.effective_n)})` : ""}`,
    responseRate: `${percent(coverage.response_rate)}${integer(coverage.responded)} of ${integer(coverage.delivered)} delivered`,
    partnerCoverage: `${percent(coverage.partner_coverage)}${integer(coverage.partners_responded)} of ${integer(coverage.partners_invited)} partners`,
    revenueCoverage: `${percent(coverage.revenue_coverage)}${money(coverage.revenue_responded)} of ${money(coverage.revenue_invited)}`,
  };
}

async function displayedHeadline(page: Page) {
  const card = page.locator(".headline-card");
  const stat = (name: string) => card.locator(".stat", { hasText: name }).locator("dd").textContent();
  return {
    value: await card.locator(".figure-value").textContent(),
    margin: await card.locator(".figure-margin").textContent(),
    range: await card.locator(".figure-meta span").nth(0).textContent(),
    n: await card.locator(".figure-meta span").nth(1).textContent(),
    responseRate: await stat("Response rate"),
    partnerCoverage: await stat("Partner coverage"),
    revenueCoverage: await stat("Revenue coverage"),
  };
}

/** The exports read back with the CSV parser the importer already depends on. */
const parseCsv = (text: string): string[][] => parse(text);

async function downloadBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFileSync(file);
}

/**
 * The dashboard a buyer meets, end to end in real Chromium against the real server: first-run setup with
 * demo data, the overview agreeing with the API, shareable filters, a partner manager's narrowed view,
 * the exports, and screenshots of every page at desktop and phone width.
 */
for (const dialect of DIALECTS) {
  describeWithChromium(`the dashboard, end to end [${dialect}]`, () => {
    let test: TestApp;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let base: string;
    let adminCookies: Cookie[];
    let organizationId: string;

    /** GET with the admin's browser session, as the page itself would ask. */
    const apiGet = async <T>(url: string, from: Page = page): Promise<T> => {
      const response = await from.request.get(`${base}/api/v1${url}`);
      expect(response.status(), url).toBe(200);
      return (await response.json()) as T;
    };
    const apiWrite = async <T>(method: "POST" | "PATCH", url: string, data: object): Promise<T> => {
      const { csrfToken } = await apiGet<{ csrfToken: string }>("/auth/session");
      const response = await page.request.fetch(`${base}/api/v1${url}`, {
        method,
        data,
        headers: { "x-csrf-token": csrfToken },
      });
      expect(response.status(), `${method} ${url}`).toBeLessThan(300);
      return (await response.json()) as T;
    };

    const settle = async (target: Page = page) => {
      await target.waitForLoadState("networkidle");
      await target.waitForFunction(() => !document.querySelector(".state-loading"));
    };

    const signedInContext = async (width: number): Promise<BrowserContext> => {
      const created = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 } });
      await created.addCookies(adminCookies);
      return created;
    };

    /**
     * A full-page screenshot taken with the viewport stretched to the page's height (up to
     * MAX_SHOT_HEIGHT): Chromium leaves frames below the fold (the survey preview) unpainted in plain
     * full-page captures.
     */
    const shoot = async (target: Page, name: string) => {
      const viewport = target.viewportSize()!;
      const height = await target.evaluate(() => document.documentElement.scrollHeight);
      const shown = Math.min(Math.max(viewport.height, height), MAX_SHOT_HEIGHT);
      await target.setViewportSize({ width: viewport.width, height: shown });
      await target.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      await target.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${viewport.width}.png`) });
      await target.setViewportSize(viewport);
    };

    beforeAll(async () => {
      ensureWebBuild();
      test = await createTestApp(dialect);
      await test.app.listen({ host: "127.0.0.1", port: 0 });
      base = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      if (dialect === SCREENSHOT_DIALECT) fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await test?.close();
    });

    it("walks a fresh installation through setup with demo data and lands signed in on the overview", async () => {
      const before = await test.app.inject({ url: "/api/v1/setup" });
      expect(before.json()).toEqual({ needsSetup: true });

      await page.goto(`${base}/app/`);
      await page.waitForURL(`${base}/app/setup`);
      await page.getByRole("heading", { name: "Set up Partner NPS", level: 1 }).waitFor();
      if (dialect === SCREENSHOT_DIALECT) {
        await shoot(page, "setup");
        await page.setViewportSize({ width: 375, height: 812 });
        await shoot(page, "setup");
        await page.setViewportSize({ width: 1280, height: 900 });
      }

      await page.getByLabel("Organization name").fill(ADMIN.organization);
      await page.getByLabel("Your name").fill(ADMIN.name);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN_PASSWORD);
      await page.getByLabel("Load demo data").check();
      await page.getByRole("button", { name: "Create organization" }).click();
      await page.waitForURL(`${base}/app/`, { timeout: 90_000 });
      await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
      await settle();

      expect((await test.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needsSetup: false });
      const session = await apiGet<{
        user: { name: string; role: string };
        organization: { name: string; organizationId: string };
      }>("/auth/session");
      expect(session.user).toMatchObject({ name: ADMIN.name, role: "admin" });
      expect(session.organization.name).toBe(ADMIN.organization);
      organizationId = session.organization.organizationId;
      await expect(page.getByRole("button", { name: ADMIN.name }).isVisible()).resolves.toBe(true);
      // The demo program is there: hundreds of partners, and a headline over more than a thousand answers.
      const partners = await apiGet<Listing<unknown>>("/partners?limit=1");
      expect(partners.total).toBeGreaterThan(300);
      await expect(page.locator(".headline-card .figure-value").textContent()).resolves.toMatch(
        /^\u2212?\d+$/,
      );
      adminCookies = await context.cookies();
    }, 150_000);

    it("shows on the overview exactly the headline NPS, interval, n and coverage the API computes", async () => {
      const headline = await apiGet<Headline>("/analytics/headline");
      const coverage = await apiGet<Coverage>("/analytics/coverage");
      expect(headline.nps.n).toBeGreaterThan(1000);
      // The headline's coverage and the coverage endpoint are one computation.
      expect(coverage.overall).toEqual(headline.coverage);

      await page.goto(`${base}/app/`);
      await settle();
      expect(await displayedHeadline(page)).toEqual(expectedHeadline(headline));
      const silent = coverage.silent_strategic_partners.length;
      await expect(page.locator(".heard-card .card-header .badge").textContent()).resolves.toBe(
        silent ? `${silent} silent` : "None silent",
      );
    });

    it("follows a tier filter into the URL and the numbers, and shows the same view when the URL is opened", async () => {
      const all = await apiGet<Headline>("/analytics/headline");
      const gold = await apiGet<Headline>("/analytics/headline?tier=gold");
      expect(gold.nps.n).toBeGreaterThan(0);
      expect(gold.nps.n).toBeLessThan(all.nps.n);
      expect(expectedHeadline(gold)).not.toEqual(expectedHeadline(all));

      await page.goto(`${base}/app/`);
      await settle();
      await page.getByRole("group", { name: "Filters" }).getByLabel("Tier").selectOption("gold");
      await page.waitForURL(/[?&]tier=gold(&|$)/);
      await settle();
      // The previous figure may stay on screen while the filtered one loads.
      await expect.poll(() => displayedHeadline(page)).toEqual(expectedHeadline(gold));
      const shared = page.url();

      const other = await context.newPage();
      await other.goto(shared);
      await settle(other);
      expect(await displayedHeadline(other)).toEqual(expectedHeadline(gold));
      await expect(
        other.getByRole("group", { name: "Filters" }).getByLabel("Tier").inputValue(),
      ).resolves.toBe("gold");
      await other.close();
    });

    it("shows a partner manager, signed in through the invitation and login pages, only the partners they own", async () => {
      // The admin invites the manager from Settings → Users.
      await page.goto(`${base}/app/settings`);
      await settle();
      await page.getByRole("tab", { name: "Users" }).click();
      const users = page.getByRole("region", { name: "Users" });
      const invite = users.locator("form");
      await invite.getByLabel("Name").fill(MANAGER.name);
      await invite.getByLabel("Email").fill(MANAGER.email);
      await invite.getByLabel("Role").selectOption({ label: "Partner manager" });
      await users.getByRole("button", { name: "Send invitation" }).click();
      await users
        .getByRole("status")
        .filter({ hasText: `Invitation sent to ${MANAGER.email}.` })
        .waitFor();
      await users.getByRole("rowheader", { name: MANAGER.name }).waitFor();
      const listed = await apiGet<{ items: { userId: string; email: string; role: string }[] }>("/users");
      const manager = listed.items.find((u) => u.email === MANAGER.email)!;
      expect(manager.role).toBe("partner_manager");

      // The admin gives them exactly two partners; a third stays someone else's.
      const firstThree = await apiGet<Listing<PartnerRow>>("/partners/table?sort=name&order=asc&pageSize=3");
      const [mine1, mine2, notMine] = firstThree.items as [PartnerRow, PartnerRow, PartnerRow];
      for (const partner of [mine1, mine2]) {
        const updated = await apiWrite<{ owner_user_id: string }>("PATCH", `/partners/${partner.partnerId}`, {
          owner_user_id: manager.userId,
        });
        expect(updated.owner_user_id).toBe(manager.userId);
      }

      // The link of the invitation mail: the reset the invitation issued, signed with the organization's secret.
      const db = test.database.db;
      const reset = await db
        .selectFrom("password_resets")
        .select("reset_id")
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", manager.userId)
        .executeTakeFirstOrThrow();
      const { invitation_secret } = await db
        .selectFrom("organizations")
        .select("invitation_secret")
        .where("organization_id", "=", organizationId)
        .executeTakeFirstOrThrow();
      const token = resetToken(organizationId, invitation_secret!, reset.reset_id);

      const managerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const managerPage = await managerContext.newPage();
      await managerPage.goto(`${base}/app/reset-password?token=${encodeURIComponent(token)}`);
      await managerPage.getByLabel("New password", { exact: true }).fill(MANAGER.password);
      await managerPage.getByLabel("Repeat the new password").fill(MANAGER.password);
      await managerPage.getByRole("button", { name: "Set new password" }).click();
      await managerPage.waitForURL(/\/app\/login\?reset=1$/);
      await managerPage.getByLabel("Email").fill(MANAGER.email);
      await managerPage.getByLabel("Password").fill(MANAGER.password);
      await managerPage.getByRole("button", { name: "Sign in" }).click();
      await managerPage.waitForURL(`${base}/app/`);
      await managerPage.getByRole("button", { name: MANAGER.name }).waitFor();

      await managerPage.goto(`${base}/app/partners`);
      await settle(managerPage);
      await expect(managerPage.locator("tbody tr td:first-child a").allTextContents()).resolves.toEqual([
        mine1.name,
        mine2.name,
      ]);
      const table = await apiGet<Listing<PartnerRow>>("/partners/table?pageSize=50", managerPage);
      expect(table.items.map((p) => p.partnerId)).toEqual([mine1.partnerId, mine2.partnerId]);
      expect(table.total).toBe(2);
      const list = await apiGet<Listing<{ partner_id: string }>>("/partners?limit=1000", managerPage);
      expect(list.items.map((p) => p.partner_id).sort()).toEqual([mine1.partnerId, mine2.partnerId].sort());

      const forbidden = await managerPage.request.get(
        `${base}/api/v1/partners/${notMine.partnerId}/scorecard`,
      );
      expect(forbidden.status()).toBe(404);
      await managerPage.goto(`${base}/app/partners/${notMine.partnerId}`);
      await settle(managerPage);
      const alert = managerPage.getByRole("alert");
      await expect(alert.locator(".state-title").textContent()).resolves.toBe(
        "This partner could not be loaded",
      );
      await expect(managerPage.getByText(notMine.name).count()).resolves.toBe(0);
      // Their own partner's scorecard opens.
      await managerPage.goto(`${base}/app/partners/${mine1.partnerId}`);
      await settle(managerPage);
      await expect(managerPage.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(mine1.name);
      await managerContext.close();
    }, 90_000);

    it("downloads the filtered responses as an XLSX and a CSV file with every row the API counts", async () => {
      await page.goto(`${base}/app/responses`);
      await settle();
      await page.getByRole("group", { name: "Filters" }).getByLabel("Tier").selectOption("gold");
      await page.getByLabel("Category").selectOption("detractor");
      await page.waitForURL(/tier=gold/);
      await page.waitForURL(/category=detractor/);
      await settle();
      const filtered = await apiGet<Listing<{ responseId: string }>>(
        "/responses?tier=gold&category=detractor&sort=respondedAt&order=desc&pageSize=50",
      );
      expect(filtered.total).toBeGreaterThan(0);
      await expect
        .poll(() => page.locator("#responses-title").textContent())
        .toBe(`${integer(filtered.total)} response${filtered.total === 1 ? "" : "s"}`);

      const [xlsxDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export XLSX" }).click(),
      ]);
      expect(xlsxDownload.suggestedFilename()).toBe("responses-2026-01-15.xlsx");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await downloadBytes(xlsxDownload)) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const values = (rowNumber: number) =>
        (sheet.getRow(rowNumber).values as unknown[])
          .slice(1)
          .map((v) => (v instanceof Date ? v : (v ?? null)));
      expect(values(1)).toEqual(EXPORT_HEADERS);
      expect(sheet.actualRowCount - 1).toBe(filtered.total);
      const idColumn = EXPORT_HEADERS.indexOf("Response id");
      const xlsxIds = Array.from({ length: filtered.items.length }, (_, i) => values(i + 2)[idColumn]);
      expect(xlsxIds).toEqual(filtered.items.map((r) => r.responseId));
      const categoryColumn = EXPORT_HEADERS.indexOf("Category");
      const tierColumn = EXPORT_HEADERS.indexOf("Tier");
      for (let row = 2; row <= sheet.actualRowCount; row++) {
        expect([values(row)[tierColumn], values(row)[categoryColumn]]).toEqual(["gold", "detractor"]);
      }

      const [csvDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV" }).click(),
      ]);
      expect(csvDownload.suggestedFilename()).toBe("responses-2026-01-15.csv");
      const bytes = await downloadBytes(csvDownload);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString("utf8"));
      expect(rows[0]).toEqual(EXPORT_HEADERS);
      expect(rows.length - 1).toBe(filtered.total);
      expect(rows.slice(1, filtered.items.length + 1).map((row) => row[idColumn])).toEqual(
        filtered.items.map((r) => r.responseId),
      );
    });

    // Defined for one dialect only (not skipped on the other): the pictures are the same on both.
    if (dialect === SCREENSHOT_DIALECT)
      it("photographs every page at 1280 and 375 px for the documentation", async () => {
        const survey = (await apiGet<{ items: { survey_id: string }[] }>("/surveys")).items[0]!;
        const waves = (
          await apiGet<{ items: { wave_id: string; status: string; launched_at: string | null }[] }>("/waves")
        ).items;
        const wave = waves.find((w) => w.status === "open") ?? waves.find((w) => w.status === "closed")!;
        // An open case being worked (contact logged) and its partner's scorecard: every section filled.
        const followUp = (
          await apiGet<{ items: { id: string; partnerId: string }[] }>("/cases?status=contacted&limit=1")
        ).items[0]!;
        const pages: [string, string][] = [
          ["overview", "/app/"],
          ["partners", "/app/partners"],
          ["partner", `/app/partners/${followUp.partnerId}`],
          ["responses", "/app/responses"],
          ["surveys", "/app/surveys"],
          ["survey-edit", `/app/surveys/${survey.survey_id}`],
          ["waves", "/app/waves"],
          ["wave", `/app/waves/${wave.wave_id}`],
          ["settings", "/app/settings"],
          ["cases", "/app/cases"],
          ["case", `/app/cases/${followUp.id}`],
        ];
        // Both widths at once: most of the time goes to waiting for the network to settle.
        await Promise.all(
          [1280, 375].map(async (width) => {
            const anonymous = await browser.newContext({
              viewport: { width, height: width < 600 ? 812 : 900 },
            });
            const signedOut = await anonymous.newPage();
            await signedOut.goto(`${base}/app/login`);
            await signedOut.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
            await shoot(signedOut, "login");
            await anonymous.close();

            const shots = await signedInContext(width);
            const shotPage = await shots.newPage();
            for (const [name, url] of pages) {
              await shotPage.goto(`${base}${url}`);
              await settle(shotPage);
              await shoot(shotPage, name);
              // Nothing may push the page sideways: wide tables scroll inside their card.
              const overflow = await shotPage.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
              );
              expect({ name, width, overflow }).toEqual({ name, width, overflow: 0 });
              // Phones get the columns that fit; the rest are hidden, not scrolled out of sight.
              const clipped = await shotPage.evaluate(() =>
                [...document.querySelectorAll(".table-scroll")].some(
                  (t) => t.scrollWidth > t.clientWidth + 1,
                ),
              );
              if (!name.startsWith("case"))
                expect({ name, width, clipped }).toEqual({ name, width, clipped: false });
            }
            await shots.close();
          }),
        );
        const written = fs.readdirSync(SCREENSHOT_DIR).filter((file) => file.endsWith(".png"));
        for (const name of ["login", "setup", ...pages.map(([n]) => n)])
          expect(written).toEqual(expect.arrayContaining([`${name}-1280.png`, `${name}-375.png`]));
      }, 120_000);
  });
}
