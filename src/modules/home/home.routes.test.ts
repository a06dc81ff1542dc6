import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import { createTenant, createTestApp, type TestApp } from "../../test-support/http.js";

describeEachDialect("home page", (dialect) => {
  let test: TestApp;

  beforeEach(async () => {
    test = await createTestApp(dialect);
  });
  afterEach(async () => test?.close());

  it("redirects browsers to the web app and shows no organization data to anyone", async () => {
    await createTenant(test.database.db, "Secret Org Alpha");
    const response = await test.app.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/app/");
    expect(response.body).not.toContain("Secret Org Alpha");
  });

  it("no longer seeds the demo from an unauthenticated form (setup is POST /api/v1/setup)", async () => {
    const response = await test.app.inject({
      method: "POST",
      url: "/setup/demo",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "seed=1",
    });
    expect(response.statusCode).toBe(404);
    const organizations = await test.database.db
      .selectFrom("organizations")
      .select("organization_id")
      .execute();
    expect(organizations).toEqual([]);
  });
});
