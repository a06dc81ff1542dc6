import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  apiClient,
  createTenant,
  createTestApp,
  type ErrorBody,
  type TestApp,
} from "../../test-support/http.js";
import type { PartnerView } from "../partners/partner.js";
import type { ResponseRow } from "../responses/response.repository.js";
import { insertResponsesWithRollups } from "../responses/response.service.js";

const SCRIPT = "<script>alert(1)</script>";

describeEachDialect("home page", (dialect) => {
  let test: TestApp;

  beforeEach(async () => {
    test = await createTestApp(dialect);
  });
  afterEach(async () => test?.close());

  async function getHome(): Promise<string> {
    const response = await test.app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    return response.body;
  }

  function postDemo(body: string) {
    return test.app.inject({
      method: "POST",
      url: "/setup/demo",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: body,
    });
  }

  async function countRows(table: "partners" | "contacts" | "responses"): Promise<number> {
    const row = await test.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function countActive(table: "partners" | "contacts"): Promise<number> {
    const row = await test.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("archived_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("shows the first-run page with the demo form while no organization exists", async () => {
    const page = await getHome();
    expect(page).toContain("No organization exists in this database yet");
    expect(page).toMatch(/<form method="post" action="\/setup\/demo">/);
    expect(page).toContain('<input name="seed" type="number" value="1"');
  });

  it("emits its stylesheet verbatim, not HTML-escaped", async () => {
    const page = await getHome();
    expect(page).toContain('font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif');
    expect(page).not.toContain("&quot;Segoe UI&quot;");
  });

  it("POST /setup/demo creates the demo organization, redirects 303 to / and then refuses a second run with 409", async () => {
    const created = await postDemo("seed=1");
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe("/");

    // The demo holds 400 partners, some churned (archived); the page counts the active ones.
    const responses = await countRows("responses");
    const activePartners = await countActive("partners");
    expect(await countRows("partners")).toBe(400);
    expect(activePartners).toBeGreaterThan(300);
    expect(responses).toBeGreaterThan(1000);
    const page = await getHome();
    expect(page).not.toContain("No organization exists");
    expect(page).toContain(`Partners<b>${activePartners}</b>`);
    expect(page).toContain(`Contacts<b>${await countActive("contacts")}</b>`);
    expect(page).toContain(`Responses<b>${responses}</b>`);
    // The rollups the page reads agree with the raw responses.
    const promoters = await test.database.db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("score", ">=", 9)
      .executeTakeFirstOrThrow();
    const detractors = await test.database.db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("score", "<=", 6)
      .executeTakeFirstOrThrow();
    const nps = Math.round((100 * (Number(promoters.n) - Number(detractors.n))) / responses);
    expect(page).toContain(`NPS (all responses)<b>${nps}</b>`);
    expect(page).toContain("Most-answering partners");

    const again = await postDemo("seed=2");
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe("conflict");
    expect(await countRows("partners")).toBe(400);
  });

  it("rejects an invalid seed with 400 and creates nothing", async () => {
    const response = await postDemo("seed=0");
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.code).toBe("validation_failed");
    expect(await getHome()).toContain("No organization exists");
  });

  it("refuses POST /setup/demo once any organization exists", async () => {
    await createTenant(test.database.db, "Existing");
    expect((await postDemo("seed=1")).statusCode).toBe(409);
    expect(await countRows("partners")).toBe(0);
  });

  it("shows zero counts and empty sections for an organization without data", async () => {
    await createTenant(test.database.db, "Fresh Org");
    const page = await getHome();
    expect(page).toContain("<h2>Fresh Org</h2>");
    expect(page).toContain("Partners<b>0</b>");
    expect(page).toContain("No responses yet.");
    expect(page).toContain("No imports yet.");
  });

  it("escapes user text (organization, partner, import file names) so no raw tag reaches the page", async () => {
    const tenant = await createTenant(test.database.db, `Org ${SCRIPT}`);
    const api = apiClient(test.app, tenant.key);
    const partner = (
      await api.post<PartnerView>("/api/v1/partners", {
        name: SCRIPT,
        tier: '"><img src=x onerror=alert(2)>',
      })
    ).body;
    await insertResponsesWithRollups(
      test.database,
      test.database.db,
      tenant.organizationId,
      [10, 9, 3].map((score, i) => responseFor(tenant.organizationId, partner, score, i)),
    );
    await test.database.db
      .insertInto("imports")
      .values({
        organization_id: tenant.organizationId,
        import_id: "01import",
        kind: "partners",
        file_name: `${SCRIPT}.csv`,
        encoding: "utf-8",
        delimiter: ",",
        status: "completed",
        accepted: 1,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        errors: "[]",
        created_by: "cli",
        created_at: test.clock.now().toISOString(),
      })
      .execute();

    const page = await getHome();
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).toContain("<h2>Org &lt;script&gt;alert(1)&lt;/script&gt;</h2>");
    expect(page).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    expect(page).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;.csv</td>");
    expect(page).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    // The partner and its responses really are on the page: 2 promoters, 1 detractor → NPS 100 × 1/3 ≈ 33.
    expect(page).toContain("Responses<b>3</b>");
    expect(page).toContain("NPS (all responses)<b>33</b>");
  });
});

function responseFor(
  organizationId: string,
  partner: PartnerView,
  score: number,
  index: number,
): ResponseRow {
  const at = `2026-01-1${index}T10:00:00.000Z`;
  return {
    organization_id: organizationId,
    response_id: `01response${index}`,
    partner_id: partner.partner_id,
    contact_id: null,
    invitation_id: null,
    survey_id: null,
    wave_id: null,
    external_id: null,
    score,
    category: score >= 9 ? "promoter" : score <= 6 ? "detractor" : "passive",
    comment: null,
    answers: "{}",
    language: null,
    channel: "web",
    source: "api",
    submitted_at: at,
    period_month: at.slice(0, 7),
    partner_tier: partner.tier,
    partner_type: partner.type,
    partner_region: partner.region,
    partner_country: partner.country,
    partner_industry: partner.industry,
    partner_size: partner.size,
    owner_user_id: partner.owner_user_id,
    contact_role: null,
    import_id: null,
    created_at: at,
    updated_at: at,
  };
}
