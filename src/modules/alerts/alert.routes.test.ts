import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect } from "../../test-support/databases.js";
import {
  apiClient,
  bearer,
  createTenant,
  createTestApp,
  type SignedInUser,
  sessionHeaders,
  signIn,
  type TestApp,
  type TestTenant,
} from "../../test-support/http.js";

const ALL_EVENTS = ["case_opened", "case_reminder", "case_escalated", "initiative_done"];
const SLACK = "https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopWXYZ";

describeEachDialect("alert preferences API", (dialect) => {
  let test: TestApp;
  let tenant: TestTenant;
  let manager: SignedInUser;
  let admin: SignedInUser;

  const call = async (
    method: "GET" | "PUT",
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => {
    const response = await test.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    test = await createTestApp(dialect);
    tenant = await createTenant(test.database.db, "Alerting Org", ["read", "write"]);
    manager = await signIn(test, {
      organizationId: tenant.organizationId,
      role: "partner_manager",
      email: "pm@alerting.example",
    });
    admin = await signIn(test, { organizationId: tenant.organizationId, role: "admin" });
  });
  afterAll(async () => test?.close());

  it("defaults to email for every event at the user's own address", async () => {
    const response = await call("GET", "/api/v1/me/alert-preferences", sessionHeaders(manager));
    expect(response).toEqual({
      status: 200,
      body: {
        userId: manager.userId,
        isDefault: true,
        channels: [{ channel: "email", target: null, events: ALL_EVENTS, enabled: true }],
      },
    });
  });

  it("saves a partner manager's own channels and never returns a webhook URL in full", async () => {
    const put = await call("PUT", "/api/v1/me/alert-preferences", sessionHeaders(manager), {
      channels: [
        { channel: "email", target: "alerts@alerting.example", events: ["case_escalated"] },
        { channel: "slack", target: SLACK, events: ["case_opened", "case_opened", "case_reminder"] },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.channels).toEqual([
      { channel: "email", target: "alerts@alerting.example", events: ["case_escalated"], enabled: true },
      {
        channel: "slack",
        target: "hooks.slack.com/…WXYZ",
        events: ["case_opened", "case_reminder"],
        enabled: true,
      },
    ]);
    expect(JSON.stringify(put.body)).not.toContain("abcdefghijklmnop");
    const stored = await test.database.db
      .selectFrom("alert_preferences")
      .select("target")
      .where("organization_id", "=", tenant.organizationId)
      .where("user_id", "=", manager.userId)
      .where("channel", "=", "slack")
      .executeTakeFirstOrThrow();
    expect(stored.target).toBe(SLACK);

    // Without a target the saved webhook is kept (the client only ever saw its mask).
    const again = await call("PUT", "/api/v1/me/alert-preferences", sessionHeaders(manager), {
      channels: [{ channel: "slack", events: ["case_opened"], enabled: false }],
    });
    expect(again.body.channels).toEqual([
      { channel: "slack", target: "hooks.slack.com/…WXYZ", events: ["case_opened"], enabled: false },
    ]);
    expect(again.body.isDefault).toBe(false);
  });

  it("names every invalid field", async () => {
    const response = await call("PUT", "/api/v1/me/alert-preferences", sessionHeaders(manager), {
      channels: [
        { channel: "teams", target: "ftp://teams.example/hook", events: ["case_opened"] },
        { channel: "email", target: "not an address", events: ["case_reminder"] },
        { channel: "slack", target: SLACK, events: ["case_lost"] },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    const fields = response.body.error.details.issues.map((issue: { field: string }) => issue.field).sort();
    expect(fields).toEqual(["channels.0.target", "channels.1.target", "channels.2.events.0"]);
    const missing = await call("PUT", "/api/v1/me/alert-preferences", sessionHeaders(manager), {
      channels: [{ channel: "teams", events: ["case_opened"] }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues).toEqual([
      { field: "channels.0.target", message: "a webhook URL is required" },
    ]);
    const twice = await call("PUT", "/api/v1/me/alert-preferences", sessionHeaders(manager), {
      channels: [
        { channel: "email", events: [] },
        { channel: "email", events: ["case_opened"] },
      ],
    });
    expect(twice.body.error.details.issues).toEqual([
      { field: "channels.1.channel", message: "appears twice" },
    ]);
  });

  it("refuses API keys on the /me routes: they belong to no user", async () => {
    const response = await apiClient(test.app, tenant.key).get("/api/v1/me/alert-preferences");
    expect(response).toEqual({
      status: 400,
      body: { error: { code: "session_required", message: "a user session is required" } },
    });
  });

  it("lets admins read a user's channels, masked, and nobody else", async () => {
    const url = `/api/v1/users/${manager.userId}/alert-preferences`;
    const asAdmin = await call("GET", url, sessionHeaders(admin));
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.channels[0].target).toBe("hooks.slack.com/…WXYZ");
    expect((await call("GET", url, sessionHeaders(manager))).status).toBe(403);
    expect((await call("GET", url, bearer(tenant.key))).status).toBe(403);
    const other = await createTenant(test.database.db, "Other Org", ["admin"]);
    expect((await call("GET", url, bearer(other.key))).status).toBe(404);
  });
});
