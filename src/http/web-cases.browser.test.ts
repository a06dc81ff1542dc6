import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openSession } from "../modules/auth/login.service.js";
import { SESSION_COOKIE } from "../modules/auth/session.service.js";
import { openCasesForResponse } from "../modules/cases/case-opening.service.js";
import { loadDemoOrganization } from "../modules/demo/demo.service.js";
import { accessibilityViolations, describeWithChromium, launchChromium } from "../test-support/chromium.js";
import { DIALECTS } from "../test-support/databases.js";
import { createTestApp, type SignedInUser, signIn, type TestApp } from "../test-support/http.js";
import { ensureWebBuild } from "../test-support/web-build.js";

interface CaseItem {
  id: string;
  partnerId: string;
  partnerName: string;
  status: string;
  overdue: boolean;
  ownerUserId: string | null;
  firstContactAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
  responseIds: string[];
}
interface CaseMetrics {
  open: number;
  overdue: number;
  slaDecided: number;
  contactedWithinSla: number;
  medianHoursToFirstContact: number | null;
}
interface CaseDetail extends CaseItem {
  responses: { id: string; score: number; comment: string | null }[];
  timeline: { kind: string; text: string }[];
}

const STATUSES = ["new", "in_progress", "contacted", "resolved", "closed_without_action"];
const OPEN = ["new", "in_progress", "contacted"];
// Demo cases open at the test start (Thursday 15 January) with a two-business-day SLA; this is past all of them.
const AFTER_SLA = "2026-01-21T10:00:00.000Z";

/** The cases board, a case page and the follow-up figures in real Chromium against the real server. */
for (const dialect of DIALECTS) {
  describeWithChromium(`follow-up cases in the browser [${dialect}]`, () => {
    let test: TestApp;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let base: string;
    let admin: SignedInUser;
    let organizationId: string;
    let openedByDemo: number;
    /** A detractor case the test opens itself, so one case is surely new, uncontacted and overdue. */
    let fresh: string;

    const apiGet = async <T>(url: string, cookie = admin.cookie): Promise<T> => {
      const response = await test.app.inject({ method: "GET", url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      return response.json() as T;
    };
    const allCases = (cookie?: string) =>
      apiGet<{ items: CaseItem[]; total: number }>("/api/v1/cases?limit=500", cookie);

    const newContext = async (cookie: string, viewport = { width: 1280, height: 900 }) => {
      const created = await browser.newContext({ viewport, bypassCSP: true });
      const [name, value] = cookie.split("=");
      await created.addCookies([{ name: name!, value: value!, url: base }]);
      return created;
    };
    const settle = async (target: Page = page) => {
      await target.waitForLoadState("networkidle");
      await target.waitForFunction(() => !document.querySelector(".state-loading"));
    };
    const idsOnBoard = async (target: Page, status?: string) =>
      (
        await target
          .locator(
            status ? `.case-column[data-status="${status}"] [data-case-id]` : ".case-board [data-case-id]",
          )
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-case-id")!))
      ).sort();

    beforeAll(async () => {
      ensureWebBuild();
      test = await createTestApp(dialect);
      const demo = await loadDemoOrganization(test.database, { seed: 7, partners: 40, clock: test.clock });
      organizationId = demo.organization.organization_id;
      openedByDemo = demo.counts.cases!;
      fresh = await openFreshDetractorCase(test, organizationId);
      test.clock.set(AFTER_SLA);
      admin = await signIn(test, { organizationId, role: "admin", name: "Ada Admin" });
      await test.app.listen({ host: "127.0.0.1", port: 0 });
      base = `http://127.0.0.1:${(test.app.server.address() as AddressInfo).port}`;
      browser = await launchChromium();
      context = await newContext(admin.cookie);
      page = await context.newPage();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await test?.close();
    });

    it("lists the demo's cases and the test's own new, overdue one", async () => {
      const { items, total } = await allCases();
      expect(openedByDemo).toBeGreaterThan(0);
      expect(total).toBe(openedByDemo + 1);
      expect(items.find((c) => c.id === fresh)).toMatchObject({
        status: "new",
        overdue: true,
        firstContactAt: null,
      });
      const metrics = await apiGet<CaseMetrics>("/api/v1/cases/metrics");
      expect(metrics.open).toBe(items.filter((c) => OPEN.includes(c.status)).length);
      expect(metrics.overdue).toBe(items.filter((c) => c.overdue).length);
      expect(metrics.overdue).toBeGreaterThan(0);
    });

    it("shows the API's open and overdue counts on the overview, and the overdue count opens those cases", async () => {
      const metrics = await apiGet<CaseMetrics>("/api/v1/cases/metrics");
      await page.goto(`${base}/app/`);
      await settle();
      const card = page.locator(".follow-up-card");
      await expect(card.locator('[data-stat="open"] dd a').textContent()).resolves.toBe(String(metrics.open));
      await expect(card.locator('[data-stat="overdue"] dd a').textContent()).resolves.toBe(
        String(metrics.overdue),
      );
      await card.locator('[data-stat="overdue"] dd a').click();
      await page.waitForURL(`${base}/app/cases?overdue=true`);
      await settle();
      const overdue = (await allCases()).items.filter((c) => c.overdue).map((c) => c.id);
      expect(overdue).toHaveLength(metrics.overdue);
      expect(await idsOnBoard(page)).toEqual(overdue.sort());
      await expect(page.getByLabel("Only overdue").isChecked()).resolves.toBe(true);
    });

    it("puts every case the API lists in its status column, with the linked answer's score", async () => {
      const { items } = await allCases();
      await page.goto(`${base}/app/cases`);
      await settle();
      const headings = await page.locator(".case-column h2").allTextContents();
      expect(headings.map((h) => h.replace(/[:\d].*$/, "").trim())).toEqual([
        "New",
        "In progress",
        "Contacted",
        "Resolved",
        "Closed without action",
      ]);
      for (const status of STATUSES) {
        const inStatus = items.filter((c) => c.status === status);
        // Open columns show every case; finished ones the latest 6, with a link to all of them in the list.
        const finished = status === "resolved" || status === "closed_without_action";
        const expected = finished
          ? [...inStatus]
              .sort((a, b) => (b.resolvedAt ?? b.updatedAt).localeCompare(a.resolvedAt ?? a.updatedAt))
              .slice(0, 6)
          : inStatus;
        expect({ status, ids: await idsOnBoard(page, status) }).toEqual({
          status,
          ids: expected.map((c) => c.id).sort(),
        });
        if (finished && inStatus.length > 6) {
          const more = page.locator(`.case-column[data-status="${status}"] .case-column-more a`);
          await expect(more.textContent()).resolves.toContain(`All ${inStatus.length}`);
          await expect(more.getAttribute("href")).resolves.toContain(`status=${status}`);
        }
      }
      const sample = items.find((c) => c.id === fresh)!;
      const answers = await apiGet<{ items: { responseId: string; score: number; category: string }[] }>(
        `/api/v1/responses?ids=${sample.responseIds.join(",")}`,
      );
      expect(answers.items.map((a) => a.responseId).sort()).toEqual([...sample.responseIds].sort());
      const card = page.locator(`[data-case-id="${sample.id}"]`);
      await expect
        .poll(() => card.locator(".case-score").allTextContents())
        .toEqual(
          sample.responseIds.map((id) => {
            const answer = answers.items.find((a) => a.responseId === id)!;
            return `${answer.score} (${answer.category})`;
          }),
        );

      await page.getByRole("button", { name: "List" }).click();
      await page.waitForURL(/view=list/);
      await expect(page.locator("tbody tr").count()).resolves.toBe(items.length);
      await page.getByLabel("Status").selectOption("in_progress");
      await page.waitForURL(/status=in_progress/);
      await settle();
      await expect
        .poll(() => page.locator("tbody tr a").allTextContents())
        .toEqual(items.filter((c) => c.status === "in_progress").map((c) => c.partnerName));
    });

    it("opens a case from the board, logs a contact and resolves it; the API and the metrics follow", async () => {
      const before = await apiGet<CaseMetrics>("/api/v1/cases/metrics");
      const target = (await allCases()).items.find((c) => c.id === fresh)!;
      const detail = await apiGet<CaseDetail>(`/api/v1/cases/${target.id}`);
      await page.goto(`${base}/app/cases`);
      await settle();
      await page.locator(`[data-case-id="${target.id}"] a.case-card-title`).click();
      await page.waitForURL(`${base}/app/cases/${target.id}`);
      await settle();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(target.partnerName);
      const answer = page.locator(`[data-response-id="${detail.responses[0]!.id}"]`);
      await expect(answer.locator(".case-score").textContent()).resolves.toMatch(
        new RegExp(`^${detail.responses[0]!.score} `),
      );
      if (detail.responses[0]!.comment)
        await expect(answer.locator("blockquote").textContent()).resolves.toBe(detail.responses[0]!.comment);
      await expect(page.getByTestId("case-first-contact").textContent()).resolves.toBe("Not yet");

      await page.getByLabel("What happened").fill("Spoke with the sponsor about deal registration delays");
      await page.getByRole("button", { name: "Log contact" }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Contacted");
      await page.getByRole("button", { name: "Resolve", exact: true }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Resolved");
      await expect(page.getByRole("button", { name: "Resolve", exact: true }).count()).resolves.toBe(0);
      await expect(page.locator(".case-timeline").textContent()).resolves.toContain(
        "Spoke with the sponsor about deal registration delays",
      );

      const after = await apiGet<CaseDetail>(`/api/v1/cases/${target.id}`);
      expect(after.status).toBe("resolved");
      expect(after.firstContactAt).toBe(AFTER_SLA);
      expect(after.timeline.map((t) => t.kind)).toContain("contact");
      const metrics = await apiGet<CaseMetrics>("/api/v1/cases/metrics");
      expect(metrics.open).toBe(before.open - 1);
      expect(metrics.overdue).toBe(before.overdue - 1);
      // Contacted after its deadline: the SLA outcome was already decided (missed), the median now has one more.
      expect(metrics.slaDecided).toBe(before.slaDecided);
      expect(metrics.contactedWithinSla).toBe(before.contactedWithinSla);

      await page.goto(`${base}/app/`);
      await settle();
      await expect(page.locator('.follow-up-card [data-stat="open"] dd a').textContent()).resolves.toBe(
        String(metrics.open),
      );
    });

    it("shows a partner manager only the cases of partners they own, without the admin-only owner list", async () => {
      const { items } = await allCases();
      const owners = await test.database.db
        .selectFrom("partners as p")
        .innerJoin("users as u", (join) =>
          join
            .onRef("u.organization_id", "=", "p.organization_id")
            .onRef("u.user_id", "=", "p.owner_user_id"),
        )
        .select(["p.partner_id", "p.owner_user_id", "u.role"])
        .where("p.organization_id", "=", organizationId)
        .execute();
      const ownerOf = new Map(owners.map((o) => [o.partner_id, o]));
      const manager = items.map((c) => ownerOf.get(c.partnerId)).find((o) => o?.role === "partner_manager")!
        .owner_user_id!;
      const { token } = await openSession(test.database.db, { organizationId, userId: manager }, test.clock);
      const cookie = `${SESSION_COOKIE}=${token}`;
      const own = items.filter((c) => ownerOf.get(c.partnerId)?.owner_user_id === manager).map((c) => c.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThan(items.length);
      expect((await allCases(cookie)).items.map((c) => c.id).sort()).toEqual([...own].sort());

      const managerContext = await newContext(cookie);
      const managerPage = await managerContext.newPage();
      await managerPage.goto(`${base}/app/cases`);
      await settle(managerPage);
      expect(await idsOnBoard(managerPage)).toEqual([...own].sort());
      // Listing users is for admins: the owner filter offers "Mine" and no error is shown for the 403.
      await expect(managerPage.getByRole("alert").count()).resolves.toBe(0);
      await managerPage.getByLabel("Owner").selectOption("mine");
      await managerPage.waitForURL(/owner=mine/);
      await settle(managerPage);
      const mine = items.filter((c) => c.ownerUserId === manager && own.includes(c.id)).map((c) => c.id);
      expect(await idsOnBoard(managerPage)).toEqual(mine.sort());

      await managerPage.goto(`${base}/app/cases/${own[0]}`);
      await settle(managerPage);
      await expect(managerPage.getByLabel("Reassign to").count()).resolves.toBe(0);
      await expect(managerPage.getByRole("button", { name: "Log contact" }).isVisible()).resolves.toBe(true);
      const foreign = items.find((c) => !own.includes(c.id))!;
      await managerPage.goto(`${base}/app/cases/${foreign.id}`);
      await settle(managerPage);
      await expect(managerPage.getByRole("alert").textContent()).resolves.toContain(
        "This case could not be loaded",
      );
      await managerContext.close();
    });

    it("has no WCAG 2.1 AA violations on the board, the list, case pages and the follow-up cards", async () => {
      const { items } = await allCases();
      const open = items.find((c) => OPEN.includes(c.status))!;
      const closed = items.find((c) => !OPEN.includes(c.status))!;
      for (const url of [
        "/app/cases",
        "/app/cases?view=list",
        `/app/cases/${open.id}`,
        `/app/cases/${closed.id}`,
        "/app/",
        `/app/partners/${open.partnerId}`,
      ]) {
        await page.goto(`${base}${url}`);
        await settle();
        expect({ url, violations: await accessibilityViolations(page) }).toEqual({ url, violations: [] });
      }
    });

    it("shows a viewer the case read-only: no status, contact or owner controls", async () => {
      const viewer = await signIn(test, { organizationId, role: "viewer" });
      const viewerContext = await newContext(viewer.cookie);
      const viewerPage = await viewerContext.newPage();
      const open = (await allCases()).items.find((c) => OPEN.includes(c.status))!;
      await viewerPage.goto(`${base}/app/cases/${open.id}`);
      await settle(viewerPage);
      await expect(viewerPage.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
        open.partnerName,
      );
      for (const name of [
        "Log contact",
        "Add note",
        "Assign to me",
        "Close without action",
        "Save root causes",
      ])
        await expect(viewerPage.getByRole("button", { name }).count()).resolves.toBe(0);
      await expect(viewerPage.getByRole("heading", { name: "Timeline" }).isVisible()).resolves.toBe(true);
      await viewerContext.close();
    });

    it("fits a 375 px phone: the board scrolls inside its own box and the page never sideways", async () => {
      const { items } = await allCases();
      const phone = await newContext(admin.cookie, { width: 375, height: 800 });
      const small = await phone.newPage();
      for (const url of [
        "/app/cases",
        `/app/cases/${items[0]!.id}`,
        `/app/partners/${items[0]!.partnerId}`,
      ]) {
        await small.goto(`${base}${url}`);
        await settle(small);
        const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ url, overflow }).toEqual({ url, overflow: 0 });
      }
      await small.goto(`${base}/app/cases`);
      await settle(small);
      const board = await small
        .locator(".case-board")
        .evaluate((node) => ({ scroll: node.scrollWidth, visible: node.clientWidth }));
      expect(board.scroll).toBeGreaterThan(board.visible);
      await phone.close();
    });

    it("closes a case without action only after the confirmation", async () => {
      const target = (await allCases()).items.find((c) => OPEN.includes(c.status) && c.id !== fresh)!;
      await page.goto(`${base}/app/cases/${target.id}`);
      await settle();
      await page.getByRole("button", { name: "Close without action" }).click();
      const dialog = page.getByRole("dialog", { name: "Close this case without action?" });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog.isVisible()).resolves.toBe(false);
      expect((await apiGet<CaseItem>(`/api/v1/cases/${target.id}`)).status).toBe(target.status);
      await page.getByRole("button", { name: "Close without action" }).click();
      await dialog.getByRole("button", { name: "Close without action" }).click();
      await expect.poll(() => page.getByTestId("case-status").textContent()).toBe("Closed without action");
      expect((await apiGet<CaseItem>(`/api/v1/cases/${target.id}`)).status).toBe("closed_without_action");
    });
  });
}

/**
 * Opens a case through the real rules (as the response.received job does) for a detractor answer that no
 * case holds yet, at a partner with no open case, and returns its id.
 */
async function openFreshDetractorCase(test: TestApp, organizationId: string): Promise<string> {
  const db = test.database.db;
  const linked = new Set(
    (
      await db
        .selectFrom("case_responses")
        .select("response_id")
        .where("organization_id", "=", organizationId)
        .execute()
    ).map((r) => r.response_id),
  );
  const busyPartners = new Set(
    (
      await db
        .selectFrom("follow_up_cases")
        .select("partner_id")
        .where("organization_id", "=", organizationId)
        .where("status", "in", ["new", "in_progress", "contacted"])
        .execute()
    ).map((r) => r.partner_id),
  );
  const detractors = await db
    .selectFrom("responses")
    .select(["response_id", "partner_id"])
    .where("organization_id", "=", organizationId)
    .where("category", "=", "detractor")
    .orderBy("submitted_at", "desc")
    .orderBy("response_id")
    .execute();
  const answer = detractors.find((r) => !linked.has(r.response_id) && !busyPartners.has(r.partner_id))!;
  const result = await openCasesForResponse(db, organizationId, answer.response_id, test.clock, {
    notify: false,
  });
  expect(result.opened).toHaveLength(1);
  return result.opened[0]!;
}
