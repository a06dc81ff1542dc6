import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import { createTestApp, type ListBody, type TestApp } from "../../test-support/http.js";
import { loadDemoOrganization } from "../demo/demo.service.js";
import type { SessionView } from "./session.service.js";

describeEachDialect("first-run setup with demo data", (dialect) => {
  let test: TestApp;
  beforeEach(async () => {
    test = await createTestApp(dialect);
  });
  afterEach(async () => test?.close());

  it("fills the new organization with the demo program and keeps its name", async () => {
    // A CLI demo loaded earlier has users without passwords: setup stays open.
    await loadDemoOrganization(test.database, { seed: 1, partners: 20, clock: test.clock });
    expect((await test.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needsSetup: true });

    const response = await test.app.inject({
      method: "POST",
      url: "/api/v1/setup",
      payload: {
        organizationName: "Demo Trial",
        name: "Dee",
        email: "dee@example.org",
        password: "0123456789",
        demo: true,
      },
    });
    expect(response.statusCode).toBe(201);
    const view = response.json<SessionView>();
    expect(view.organization).toMatchObject({
      name: "Demo Trial",
      slug: "demo-trial",
      companyName: "Demo Trial",
    });
    const cookie = (response.headers["set-cookie"] as string).split(";")[0]!;
    const partners = await test.app.inject({ url: "/api/v1/partners?limit=1", headers: { cookie } });
    expect(partners.statusCode).toBe(200);
    const organizationId = view.organization.organizationId;
    const stored = await test.database.db
      .selectFrom("partners")
      .select("archived_at")
      .where("organization_id", "=", organizationId)
      .execute();
    expect(stored).toHaveLength(400);
    // The list shows the active ones (the demo archives a few churned partners).
    expect(partners.json<ListBody<unknown>>().total).toBe(
      stored.filter((p) => p.archived_at === null).length,
    );
    const responses = await test.database.db
      .selectFrom("responses")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organization_id", "=", organizationId)
      .executeTakeFirstOrThrow();
    expect(Number(responses.n)).toBeGreaterThan(1000);
    const roles = await test.database.db
      .selectFrom("users")
      .select(["role", "email"])
      .where("organization_id", "=", organizationId)
      .where("password_hash", "is not", null)
      .execute();
    expect(roles).toEqual([{ role: "admin", email: "dee@example.org" }]);
    expect((await test.app.inject({ url: "/api/v1/setup" })).json()).toEqual({ needsSetup: false });
  });
});
