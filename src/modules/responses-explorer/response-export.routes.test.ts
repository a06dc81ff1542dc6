import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  createTenant,
  createTestApp,
  sessionHeaders,
  signIn,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";
import { seedPortfolio } from "../partners/portfolio.test-fixtures.js";
import type { ExplorerPage } from "./response-explorer.js";

/** The exports read back with the CSV parser the importer already depends on. */
const parseCsv = (text: string): string[][] => parse(text);

describeEachDialect("responses explorer and export routes", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;

  beforeAll(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Export Org", ["read"]);
    await seedPortfolio(test.database, tenant.organizationId);
  });
  afterAll(async () => test?.close());

  const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${tenant.key}` }) =>
    test.app.inject({ method: "GET", url, headers });

  it("pages responses over HTTP and answers a bad filter with the one error shape", async () => {
    const ok = await get("/api/v1/responses?q=ECHANGE&sort=respondedAt&order=asc");
    expect(ok.statusCode).toBe(200);
    const body = ok.json<ExplorerPage>();
    expect(body.items.map((i) => i.responseId)).toEqual(["r1", "r7"]);
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const bad = await get("/api/v1/responses?category=angry");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("validation_failed");
    expect((await get("/api/v1/responses/export?format=pdf")).statusCode).toBe(400);
    expect((await get("/api/v1/responses", {})).statusCode).toBe(401);
  });

  it("exports every matching row as CSV with a BOM, defused formulas and quoted text", async () => {
    const response = await get("/api/v1/responses/export?format=csv&tier=silver&sort=respondedAt&order=asc");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="responses-2026-01-15.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(response.rawPayload.subarray(3).toString("utf8"));
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows.slice(1)).toEqual([
      [
        "2025-10-15T10:00:00.000Z",
        "Beta Integration",
        "silver",
        "Sam Lee",
        "decision_maker",
        "6",
        "detractor",
        `'=HYPERLINK("http://evil.test")`,
        "Relationship 2025",
        "Q4 2025",
        "fr",
        "r5",
        "p-beta",
      ],
      [
        "2026-01-20T10:00:00.000Z",
        "Beta Integration",
        "silver",
        "Sam Lee",
        "decision_maker",
        "9",
        "promoter",
        "Bonne communication, merci",
        "Anonymous pulse",
        "Q1 2026",
        "fr",
        "r6",
        "p-beta",
      ],
    ]);
    const gamma = parseCsv(
      (await get("/api/v1/responses/export?partner=p-gamma&sort=score&order=asc")).body.slice(1),
    );
    expect(gamma[1]![7]).toBe(`'-2 points, "déçu"`);
  });

  it("exports all rows, not one page, as an XLSX with typed cells, frozen header and autofilter", async () => {
    const response = await get("/api/v1/responses/export?format=xlsx&pageSize=2&sort=respondedAt&order=asc");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toBe('attachment; filename="responses-2026-01-15.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Responses")!;
    expect(sheet.rowCount).toBe(10);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:M1");
    expect(sheet.getRow(1).getCell(6).value).toBe("Score");
    const json = (await get("/api/v1/responses?sort=respondedAt&order=asc&pageSize=50")).json<ExplorerPage>();
    const fromSheet = [];
    for (let r = 2; r <= 10; r++) {
      const row = sheet.getRow(r);
      fromSheet.push({
        respondedAt: (row.getCell(1).value as Date).toISOString(),
        partner: row.getCell(2).value,
        score: row.getCell(6).value,
        comment: row.getCell(8).value ?? null,
        responseId: row.getCell(12).value,
      });
    }
    expect(typeof sheet.getRow(2).getCell(6).value).toBe("number");
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(fromSheet).toEqual(
      json.items.map((i) => ({
        respondedAt: i.respondedAt,
        partner: i.partner.name,
        score: i.score,
        comment: i.comment,
        responseId: i.responseId,
      })),
    );
  });

  it("exports only a signed-in partner manager's partners, without anonymous respondents", async () => {
    const manager = await signIn(test, { organizationId: tenant.organizationId, role: "partner_manager" });
    await test.database.db
      .updateTable("partners")
      .set({ owner_user_id: manager.userId })
      .where("organization_id", "=", tenant.organizationId)
      .where("partner_id", "=", "p-alpha")
      .execute();
    const headers = sessionHeaders(manager);
    const page = (await get("/api/v1/responses?sort=respondedAt&order=asc", headers)).json<ExplorerPage>();
    expect(page.items.map((i) => i.responseId)).toEqual(["r1", "r2", "r3", "r4"]);
    const rows = parseCsv(
      (await get("/api/v1/responses/export?sort=respondedAt&order=asc", headers)).body.slice(1),
    );
    expect(rows.slice(1).map((r) => [r[11], r[3]])).toEqual([
      ["r1", "Claire Dupont"],
      ["r2", "Marc Petit"],
      ["r3", ""],
      ["r4", ""],
    ]);
    expect((await get("/api/v1/partners/p-gamma/scorecard", headers)).statusCode).toBe(404);
    expect((await get("/api/v1/partners/p-alpha/scorecard", headers)).statusCode).toBe(200);
  });
});
